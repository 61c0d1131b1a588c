import { defineConfig } from "vitest/config";

// Three kinds of test, all run by `npm test`: unit (pure modules), integration (real builds from
// content copies), and system: the built server on real ports, in real Chromium and over HTTP,
// after one production build made by the global setup.
export default defineConfig({
  test: {
    projects: [
      // Property tests run hundreds of cases; the time they get must not depend on a busy CI machine.
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 30_000 } },
      { test: { name: "integration", include: ["tests/integration/**/*.test.ts"], testTimeout: 120_000 } },
      // The records store's contract, run against every kind of store, and what only PostgreSQL has
      // (several processes, migrations), against a throwaway cluster the setup starts.
      {
        test: {
          name: "stores",
          include: ["tests/conformance/**/*.test.ts", "tests/postgres/**/*.test.ts"],
          globalSetup: ["tests/support/postgresSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "system",
          include: ["tests/browser/**/*.test.ts", "tests/server/**/*.test.ts"],
          globalSetup: ["tests/browser/globalSetup.ts", "tests/support/postgresSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
