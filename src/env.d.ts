/// <reference types="astro/client" />

/** The published policy, fixed at build time by the aup-content integration. */
declare const __AUP_POLICY__: {
  version: string;
  hash: string;
  effectiveDate: string;
  passMark: number;
  onboardingWindowDays: number;
};

/** What this build is for (AUP_TARGET): the site, or a SCORM 1.2 or 2004 package. */
declare const __AUP_TARGET__: "site" | "scorm12" | "scorm2004";
