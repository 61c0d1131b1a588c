// @ts-check
import node from "@astrojs/node";
import react from "@astrojs/react";
import { defineConfig } from "astro/config";
import aupContent, { buildTarget } from "./src/integrations/aupContent.ts";
import aupServerRoutes from "./src/integrations/aupServerRoutes.ts";
import inlineVerifyPage from "./src/integrations/inlineVerifyPage.ts";
import precompress from "./src/integrations/precompress.ts";
import reactRefreshPreamble from "./src/integrations/reactRefreshPreamble.ts";
import relativeUrls from "./src/integrations/relativeUrls.ts";
import siteSecurity from "./src/integrations/siteSecurity.ts";
import sizeBudget from "./src/integrations/sizeBudget.ts";

// One configuration, two kinds of build (AUP_TARGET):
// - site (default): static pages, which ship no JavaScript on the policy, served by the Node adapter
//   with the records API, HR dashboard and receipts;
// - scorm12 / scorm2004: plain static files with relative URLs, for `npm run package` to zip for an LMS.
const target = buildTarget();
const site = target === "site";

export default defineConfig({
  output: "static",
  ...(site
    ? { adapter: node({ mode: "standalone" }), security: siteSecurity }
    : { outDir: process.env.AUP_OUT_DIR ?? `dist/scorm/${target}`, build: { format: "file" } }),
  integrations: [
    aupContent(),
    ...(site ? [aupServerRoutes()] : [relativeUrls()]),
    react(),
    reactRefreshPreamble(),
    inlineVerifyPage(),
    sizeBudget(),
    // Last: it compresses the final files.
    ...(site ? [precompress()] : []),
  ],
  vite: {
    environments: {
      client: {
        build: {
          rolldownOptions: {
            // The course and refresher pages share one chunk (React, xstate, the course) and keep only
            // their own mode in their entry: one gzip stream compresses better than several, which
            // keeps the course page within its 90 KB first-load budget (docs/DESIGN.md; checked by sizeBudget).
            output: { codeSplitting: { groups: [{ name: "course", minShareCount: 2 }] } },
          },
        },
      },
    },
  },
  server: { port: 4321 },
  trailingSlash: "ignore",
});
