import path from "node:path";
import type { Plugin } from "vite";

/**
 * The dev server publishes the content when it starts, and Astro restarts it when a file it watches
 * changes. A file added later (a new scenario, an addendum) is not one of those: when one appears in
 * a content folder, this reports a change of `watched` (a file Astro does watch), so that the dev
 * server restarts and publishes it too.
 */
export function newContentFiles(folders: string[], watched: string | undefined): Plugin {
  return {
    name: "aup-new-content-files",
    apply: "serve",
    configureServer(server) {
      if (!watched) return;
      server.watcher.add(folders);
      server.watcher.on("add", (file) => {
        const inContent = folders.some((folder) => !path.relative(folder, file).startsWith(".."));
        if (inContent && /\.(ya?ml|md)$/.test(file)) server.watcher.emit("change", watched);
      });
    },
  };
}
