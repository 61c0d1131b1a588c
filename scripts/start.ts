// `npm start`: builds the site when the build is missing or older than its sources, then serves it
// (pages and API) on PORT (default 4321) and HOST (default localhost), records in AUP_DATA_DIR (./data).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ENTRY = path.resolve("dist/server/entry.mjs");
const SOURCES = ["src", "content", "scenarios", "scorm", "astro.config.mjs", "package.json", "package-lock.json"];

if (needsBuild()) {
  console.log(existsSync(ENTRY) ? "Sources changed since the last build: building…" : "No build yet: building…");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/astro/bin/astro.mjs"), "build"], {
    stdio: "inherit",
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error(
      "\nThe build failed (see above), so the site was not started. Fix the problem and run npm start again.",
    );
    process.exit(result.status ?? 1);
  }
}

await import(pathToFileURL(path.resolve("src/server/main.ts")).href);

function needsBuild(): boolean {
  if (!existsSync(ENTRY)) return true;
  const built = statSync(ENTRY).mtimeMs;
  return SOURCES.some((source) => newestChange(source) > built);
}

function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(target, { recursive: true, encoding: "utf8" }).map(
      (name) => statSync(path.join(target, name)).mtimeMs,
    ),
  );
}
