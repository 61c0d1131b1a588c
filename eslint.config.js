// Typed linting for TypeScript and Astro files; `npm run lint` allows no warnings.
import js from "@eslint/js";
import astro from "eslint-plugin-astro";
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
);
