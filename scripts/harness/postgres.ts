import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Where Debian's postgresql packages put their binaries: one folder per major version, not on PATH. */
const DEBIAN_ROOT = "/usr/lib/postgresql";

export interface RunningPostgres {
  /** A superuser URL of the cluster's `postgres` database. */
  url: string;
  /** Stops the cluster and removes its folder. */
  stop(): void;
}

/**
 * A throwaway PostgreSQL cluster, as the tests and the bench use one: `initdb` into a temporary
 * folder owned by the `postgres` user, started with `pg_ctl` on 127.0.0.1 and a free port, fsync
 * on (the figures must be those of a durable commit). The server refuses to run as root, so both
 * run through `runuser -u postgres` when this process is root.
 */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = ensurePostgres();
  const root = process.getuid?.() === 0;
  const folder = mkdtempSync(path.join(tmpdir(), "aup-postgres-"));
  const owner = root ? postgresUser() : undefined;
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const run = (command: string, args: string[]) => {
    const [file, argv] = root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    const done = spawnSync(file, argv, { encoding: "utf8", cwd: folder });
    if (done.status !== 0)
      throw new Error(`${path.basename(command)} failed (exit ${done.status}):\n${done.stdout}${done.stderr}`);
  };
  const data = path.join(folder, "data");
  const port = await freePort();
  try {
    run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
    // The socket goes into the cluster's own folder: /var/run/postgresql may not exist or be writable.
    const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${folder} -c fsync=on -c max_connections=200`;
    run(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(folder, "log"), "-w", "start"]);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The folder of PostgreSQL's server binaries: `AUP_POSTGRES_BIN`, Debian's newest version, or
 * `initdb` on PATH; installing Debian's package when none is found and we can (root with apt-get).
 * The tests never skip: without PostgreSQL they fail and say how to get it.
 */
export function ensurePostgres(): string {
  const configured = process.env.AUP_POSTGRES_BIN;
  if (configured) {
    if (existsSync(path.join(configured, "initdb"))) return configured;
    throw new Error(
      `AUP_POSTGRES_BIN is set to ${configured}, which holds no initdb. Point it at PostgreSQL's bin folder (Debian: /usr/lib/postgresql/15/bin), or unset it.`,
    );
  }
  const found = findPostgres();
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("No PostgreSQL found: installing Debian's postgresql package (about a minute)…");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    const installed = findPostgres();
    if (installed) return installed;
  }
  throw new Error(
    "The PostgreSQL store's tests need PostgreSQL and none was found. Install it (Debian/Ubuntu: sudo apt-get install -y postgresql), set AUP_POSTGRES_BIN to its bin folder, or set AUP_TEST_DATABASE_URL to a database the tests may use, then run npm test again.",
  );
}

function findPostgres(): string | undefined {
  if (existsSync(DEBIAN_ROOT)) {
    const versions = readdirSync(DEBIAN_ROOT)
      .filter((v) => /^\d+$/.test(v) && existsSync(path.join(DEBIAN_ROOT, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(DEBIAN_ROOT, versions[0], "bin");
  }
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  return onPath ? path.dirname(onPath) : undefined;
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const [uid, gid] = [id("-u"), id("-g")];
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error(
      "PostgreSQL refuses to run as root and there is no postgres user to run it as. Install Debian's postgresql package (it creates the user), or run the tests as another user.",
    );
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/** A port nobody listens on now: the OS picks one, and it is released for the cluster to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
