// @ts-check
import node from "@astrojs/node";
import react from "@astrojs/react";
import { defineConfig } from "astro/config";
import aupContent from "./src/integrations/aupContent.ts";
import aupServerRoutes from "./src/integrations/aupServerRoutes.ts";

// Static pages (the policy ships no JavaScript) served by the Node adapter, which later also
// answers the API routes that opt out of prerendering.
export default defineConfig({
  output: "static",
  adapter: node({ mode: "standalone" }),
  integrations: [aupContent(), aupServerRoutes(), react()],
  server: { port: 4321 },
  trailingSlash: "ignore",
});
