import type { TestProject } from "vitest/node";
import { startPostgres } from "../../scripts/harness/postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser URL of the throwaway cluster (or of AUP_TEST_DATABASE_URL): tests make their own databases in it. */
    postgresUrl: string;
  }
}

/**
 * A real PostgreSQL for the tests that need one, as real Chromium is for the browser tests: a
 * throwaway cluster started for the run and removed after it, or the server AUP_TEST_DATABASE_URL
 * names (its user must be allowed to create databases). Never skipped: without PostgreSQL the
 * setup fails, saying how to get it.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.AUP_TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide("postgresUrl", given);
    return undefined;
  }
  const cluster = await startPostgres();
  project.provide("postgresUrl", cluster.url);
  return () => cluster.stop();
}
