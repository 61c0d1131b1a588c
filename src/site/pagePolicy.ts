import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPolicy } from "../policy/loadPolicy.ts";
import { contentDir } from "../policy/paths.ts";
import type { Policy } from "../policy/types.ts";

/** The policy as pages show it: strict in production builds, preview (unfilled values marked) in dev. */
export function pagePolicy(): Policy {
  return loadPolicy({ mode: import.meta.env.DEV ? "preview" : "strict" });
}

export interface Branding {
  name: string;
  shortName: string;
  accentColour: string;
  /** The logo as a data URI, so that it works from any path (an LMS serves packages from anywhere). */
  logoSrc: string | undefined;
}

export function branding({ organisation }: Policy): Branding {
  const { name, shortName } = organisation.organisation;
  const { logo, accentColour } = organisation.branding;
  return {
    name: name || "Your organisation",
    shortName: shortName || name || "Your organisation",
    accentColour,
    logoSrc: logo ? dataUri(path.join(contentDir(), logo)) : undefined,
  };
}

function dataUri(file: string): string | undefined {
  try {
    const type = file.toLowerCase().endsWith(".svg") ? "image/svg+xml" : "image/png";
    return `data:${type};base64,${readFileSync(file).toString("base64")}`;
  } catch {
    return undefined; // reported as a content problem; the header then shows the name alone
  }
}
