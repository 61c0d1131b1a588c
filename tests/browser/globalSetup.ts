import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { runBuild } from "../support/build.ts";
import { ensureChromium } from "../support/chromium.ts";
import { startServer } from "../support/server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** The records folder of the server under test. */
    dataDir: string;
    adminToken: string;
  }
}

/** Builds the site as `npm run build` does, serves it on a free port, and finds Chromium. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide("chromiumPath", ensureChromium());
  const build = runBuild();
  if (build.status !== 0) throw new Error(`The site did not build, so the browser tests cannot run:\n${build.output}`);
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
