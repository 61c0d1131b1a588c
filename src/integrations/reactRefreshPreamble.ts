import react from "@vitejs/plugin-react";
import type { AstroIntegration } from "astro";

/**
 * The course island mounts itself from a page script (mountCourse.tsx) instead of a client
 * directive, which saves the course page Astro's island loader. @astrojs/react adds React Fast
 * Refresh's preamble only to pages with client directives, and without it the dev server cannot
 * run React components; so in dev every page gets the preamble. Builds are unaffected.
 */
export default function reactRefreshPreamble(): AstroIntegration {
  return {
    name: "aup-react-refresh-preamble",
    hooks: {
      "astro:config:setup": ({ command, injectScript }) => {
        if (command === "dev") injectScript("page", react.preambleCode.replace("__BASE__", "/"));
      },
    },
  };
}
