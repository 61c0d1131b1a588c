import { existsSync } from "node:fs";
import path from "node:path";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { zodProblems } from "../lib/zodProblems.ts";
import { OrganisationSchema, PRODUCTS, type Organisation, type Product } from "../schemas/organisation.ts";
import { displayPath } from "./paths.ts";
import { readYaml } from "./readYaml.ts";

export interface LoadedOrganisation {
  /** Valid settings; in preview mode, groups with problems fall back to neutral values. */
  org: Organisation;
  /** The settings as written, used to show unfilled values in preview. */
  raw: Record<string, unknown>;
  problems: ContentProblem[];
}

/**
 * Structural fallbacks for preview (dev server) only: they keep the page renderable while the
 * policy owner is still filling in the file. Text values are never taken from here; they are
 * shown as visibly unfilled instead.
 */
const PREVIEW_FALLBACK: Organisation = {
  organisation: { name: "", shortName: "" },
  branding: { accentColour: "#1d4e89" },
  policy: {
    version: "0.0",
    effectiveDate: "1970-01-01",
    reviewDate: "1970-12-31",
    reviewSchedule: { firstYear: "quarterly", thereafter: "annual" },
    allowGaps: [],
  },
  roles: { policyOwner: "", executiveSponsor: "", agentConnectionApprover: "", openSourceReviewer: "" },
  contacts: { incidents: { name: "", email: "" }, questions: { name: "", email: "" }, incidentReportHours: 24 },
  dataClassification: {
    levels: ["Public", "Internal", "Confidential", "Secret"],
    highestAllowed: "Confidential",
    policyName: "",
  },
  products: Object.keys(PRODUCTS) as Product[],
  procedures: {
    informationSecurityPolicy: "",
    codeOfConduct: "",
    aiWorkflowApproval: "",
    aiDisclosure: "",
    dataProcessingAgreement: "",
    securityTestingProgramme: "",
  },
  addenda: [],
  course: { passMark: 80, refresherSize: 5, onboardingWindowDays: 14, updateWindowDays: 30 },
};

export function loadOrganisation(contentDir: string): LoadedOrganisation {
  const file = path.join(contentDir, "organisation.yaml");
  const shown = displayPath(file);
  const { data, problems } = readYaml(file);
  const raw = isRecord(data) ? data : {};
  if (problems.length) return { org: PREVIEW_FALLBACK, raw, problems };

  const parsed = OrganisationSchema.safeParse(data);
  if (parsed.success) return { org: parsed.data, raw, problems: logoProblems(parsed.data, contentDir, shown) };
  return { org: previewOrganisation(raw), raw, problems: zodProblems(parsed.error, shown) };
}

/** Keeps each valid group as written and falls back for the others. */
function previewOrganisation(raw: Record<string, unknown>): Organisation {
  const result: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(OrganisationSchema.shape)) {
    const group = schema.safeParse(raw[key]);
    result[key] = group.success ? group.data : PREVIEW_FALLBACK[key as keyof Organisation];
  }
  return result as Organisation;
}

function logoProblems(org: Organisation, contentDir: string, file: string): ContentProblem[] {
  const logo = org.branding.logo;
  if (!logo || existsSync(path.join(contentDir, logo))) return [];
  return [
    {
      file,
      location: "branding.logo",
      message: `points to ${JSON.stringify(logo)}, which does not exist in ${displayPath(contentDir)}. Add the file or correct the path.`,
    },
  ];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
