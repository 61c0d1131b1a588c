import { loadOrganisation } from "../../src/policy/organisation.ts";

/**
 * The version of the shipped policy. Tests of the shipped content name it rather than pin a number
 * that the next release changes (the package names, the evidence pack's policy file, the status line).
 */
export const SHIPPED_VERSION = loadOrganisation("content").org.policy.version;
