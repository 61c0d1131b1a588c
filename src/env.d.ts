/// <reference types="astro/client" />

/** What this build is for (AUP_TARGET), fixed by the aup-content integration. */
declare const __AUP_TARGET__: import("./site/target.ts").BuildTarget;

/** What this build publishes, compiled in by the aup-content integration (src/published/). */
declare module "virtual:aup/published" {
  const published: import("./published/published.ts").Published;
  export default published;
}
