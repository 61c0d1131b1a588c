// Typed linting for TypeScript and Astro files; `npm run lint` allows no warnings.
import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import globals from "globals";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/", ".astro/", "node_modules/", "data/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: [".astro"] },
    },
    // A leading _ marks a parameter that is there for its type (xstate effects declared in setup()).
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }] },
  },
  ...astro.configs.recommended,
  {
    files: ["**/*.astro"],
    // astro-eslint-parser predates the project service and reads the tsconfig itself.
    languageOptions: {
      parserOptions: { parser: tseslint.parser, projectService: false, project: true, extraFileExtensions: [".astro"] },
    },
  },
  { files: ["**/*.{js,mjs}"], ...tseslint.configs.disableTypeChecked },
  {
    // Layering, held by the check rather than by habit: which folder may import which, and no cycles.
    plugins: { "import-x": importX },
    settings: {
      // Imports name their files with the extension (`./journal.ts`), as Node runs them.
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs", ".astro"] })],
      // The files whose own imports are followed to find cycles (by default only .js ones). An .astro
      // file's are not: the plugin cannot read them, so a cycle through components goes unseen.
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      // Type-only imports do not count (they vanish when Node strips the types); a cycle cannot run
      // through an npm package back into the project, so packages are not followed.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: "./src/records",
              from: "./src",
              except: ["./records", "./evidence", "./lib", "./schemas"],
              message:
                "src/records/ is the bottom layer: it imports only Node, npm packages, src/evidence/, src/lib/ and src/schemas/. Move what it needs down, or pass it in.",
            },
            {
              // The evidence formats and proofs run on the /verify page too: they stand on their own.
              target: "./src/evidence",
              from: "./src",
              except: ["./evidence", "./lib", "./schemas"],
              message:
                "src/evidence/ (formats, proofs, receipt checks) imports only Node, npm packages, src/lib/ and src/schemas/: the records store builds on it, not the other way.",
            },
            {
              // Below records, so that what records imports stays below it too.
              target: ["./src/lib", "./src/schemas"],
              from: "./src",
              except: ["./lib", "./schemas"],
              message: "src/lib/ and src/schemas/ import only Node, npm packages and each other.",
            },
            {
              target: "./src",
              from: ["./tests", "./scripts", "./scorm"],
              message: "src/ is the application: tests, scripts and the packager import it, never the other way.",
            },
            {
              target: "./scripts",
              from: "./",
              except: ["./src", "./scripts", "./node_modules"],
              message:
                "scripts/ import only src/ (and each other): what a script shares with the tests lives in scripts/harness/.",
            },
          ],
        },
      ],
    },
  },
);
