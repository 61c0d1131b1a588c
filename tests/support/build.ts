import { spawnSync } from "node:child_process";
import path from "node:path";

export interface BuildResult {
  status: number | null;
  output: string;
}

/** Runs a real `astro build` (the same as `npm run build`) with extra environment and flags. */
export function runBuild(env: NodeJS.ProcessEnv = {}, args: string[] = []): BuildResult {
  const result = spawnSync(process.execPath, [path.resolve("node_modules/astro/bin/astro.mjs"), "build", ...args], {
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
