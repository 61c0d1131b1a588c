import type { AstroIntegration } from "astro";

/** The chunk of the /verify page's script, as Astro names it after the page. */
const VERIFY_SCRIPT = /(?:^|\/)verify\.astro_astro_type_script_index_\d+_lang\.[\w-]+\.js$/;

/**
 * Inlines the /verify page's script into the page, whatever its size, so that the page saved to
 * disk as one file still works: Astro inlines a page's script chunk when it imports no other chunk
 * and Vite's assetsInlineLimit says so, which by default is under 4 KB. Every other script and
 * asset keeps the default.
 */
export default function inlineVerifyPage(): AstroIntegration {
  return {
    name: "aup-inline-verify-page",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => {
        updateConfig({
          vite: { build: { assetsInlineLimit: (file: string) => (VERIFY_SCRIPT.test(file) ? true : undefined) } },
        });
      },
    },
  };
}
