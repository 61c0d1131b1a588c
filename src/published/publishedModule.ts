import type { Plugin } from "vite";
import type { Published } from "./published.ts";

/** The module id pages and server routes import the published content from. */
export const PUBLISHED_MODULE = "virtual:aup/published";
const RESOLVED = `\0${PUBLISHED_MODULE}`;

/**
 * A Vite plugin that compiles what `publish` made into the build as one module: the prerendered
 * pages, the server routes and the content collection all read this one copy.
 */
export function publishedModule(published: Published): Plugin {
  return {
    name: "aup-published",
    resolveId: (id) => (id === PUBLISHED_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(published)};` : undefined),
  };
}
