import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export interface DevServer {
  url: string;
  /** Everything the dev server printed so far, for failure messages. */
  output: () => string;
  stop: () => void;
}

/** The environment without vitest's own variables (VITEST, NODE_ENV=test), which change how Vite behaves. */
function outsideVitest(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST") && key !== "TEST"));
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts `astro dev` as a developer runs it, on a free port, and waits until `page` answers. */
export async function startDevServer(env: NodeJS.ProcessEnv = {}, page = "/policy"): Promise<DevServer> {
  const port = await freePort();
  // --ignore-lock: a developer's own dev server may be running; this one must not clash with it.
  const dev = spawn(
    process.execPath,
    [
      path.resolve("node_modules/astro/bin/astro.mjs"),
      "dev",
      "--ignore-lock",
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
    ],
    {
      env: { ...outsideVitest(), ASTRO_TELEMETRY_DISABLED: "1", NODE_ENV: "development", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  dev.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const server = { url, output: () => output, stop: () => void dev.kill("SIGTERM") };
  for (let tries = 0; tries < 300; tries++) {
    const ready = await fetch(url + page).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.stop();
  throw new Error(`The dev server did not answer ${page} within a minute:\n${output}`);
}
