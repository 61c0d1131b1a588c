import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Everything the server has printed so far (its start-up warnings, say). */
  output(): string;
  stop(): Promise<void>;
}

const MAIN = path.resolve("src/server/main.ts");

export interface ServerOptions {
  /** The server entry to run; the checkout's by default. */
  main?: string;
  /** The working folder; the checkout by default. */
  cwd?: string;
  /** How long the start may take before it counts as failed (20 s; a journal of millions of records takes longer). */
  startSeconds?: number;
  /** A control group's `cgroup.procs`: the server runs in that group (a memory limit, see memoryLimit.ts). */
  cgroupProcs?: string;
}

/** Starts the built server (as npm start does) on a free port and resolves once it listens. */
export function startServer(
  env: NodeJS.ProcessEnv = {},
  { main = MAIN, cwd, startSeconds = 20, cgroupProcs }: ServerOptions = {},
): Promise<RunningServer> {
  // The shell moves itself into the group, then becomes the server: Node starts inside the limit.
  const [command, args]: [string, string[]] = cgroupProcs
    ? ["/bin/sh", ["-c", 'echo $$ > "$1" && exec "$2" "$3"', "sh", cgroupProcs, process.execPath, main]]
    : [process.execPath, [main]];
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`The server did not start within ${startSeconds} s. Output:\n${output}`)),
      startSeconds * 1000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening on (http:\/\/[\w.:]+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({ url: match[1], process: child, output: () => output, stop: () => stop(child) });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) =>
      fail(new Error(`The server exited (code ${code}) before listening. Output:\n${output}`)),
    );
  });
}

/** Whether the process has ended, by itself or by a signal (a SIGKILLed child has no exit code). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function stop(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
