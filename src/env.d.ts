/// <reference types="astro/client" />

/** The published policy, fixed at build time by the aup-content integration. */
declare const __AUP_POLICY__: {
  version: string;
  hash: string;
  effectiveDate: string;
  passMark: number;
  onboardingWindowDays: number;
};
