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
      {
        test: {
          name: "system",
          include: ["tests/browser/**/*.test.ts", "tests/server/**/*.test.ts"],
          globalSetup: ["tests/browser/globalSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
