import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { runBuild } from "../support/build.ts";
import { ensureChromium } from "../../scripts/harness/chromium.ts";
import { startServer } from "../../scripts/harness/server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** The records folder of the server under test. */
    dataDir: string;
    adminToken: string;
    /** Where npm run package wrote the zips. */
    packagesDir: string;
  }
}

/** Builds the site as `npm run build` does, serves it on a free port, and finds Chromium. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide("chromiumPath", ensureChromium());
  const build = runBuild();
  if (build.status !== 0) throw new Error(`The site did not build, so the browser tests cannot run:\n${build.output}`);
  // The SCORM packages, as `npm run package` makes them, for the LMS tests.
  const packaging = spawnSync(process.execPath, ["scorm/package.ts"], {
    env: { ...process.env, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (packaging.status !== 0)
    throw new Error(`npm run package failed, so the SCORM tests cannot run:\n${packaging.stdout}${packaging.stderr}`);
  project.provide("packagesDir", path.resolve("dist/packages"));
  const data = mkdtempSync(path.join(tmpdir(), "aup-browser-data-"));
  const adminToken = "test-admin-token-0123456789";
  const server = await startServer({ AUP_DATA_DIR: data, AUP_ADMIN_TOKEN: adminToken });
  project.provide("adminToken", adminToken);
  project.provide("baseUrl", server.url);
  project.provide("dataDir", data);
  return async () => {
    await server.stop();
    rmSync(data, { recursive: true, force: true });
  };
}
