import path from "node:path";
import { checkPolicyGaps, type GapFinding } from "../gaps/checkGaps.ts";
import { systemPromptProblems, systemPromptSummary, type SystemPromptSummary } from "../deployment/systemPrompt.ts";
import type { ContentProblem } from "../lib/contentProblem.ts";
import { displayPath } from "../policy/paths.ts";
import type { Policy } from "../policy/types.ts";
import { releaseProblems } from "../releases/releaseChecks.ts";
import { readReleases } from "../releases/releaseFiles.ts";
import type { Release } from "../schemas/release.ts";
import { reviewPlan, type ReviewPlan } from "../review/reviewSchedule.ts";

export interface Governance {
  review: ReviewPlan | undefined;
  systemPrompt: SystemPromptSummary;
  /** Gaps left open on purpose (policy.allowGaps), each with its reason. */
  allowedGaps: GapFinding[];
  /**
   * What stops a production build besides the content problems: the releases, the gaps and the
   * system-prompt summary. Kept apart from `problems` because the dev server's page lists values
   * to fill in, and these are the owner's decisions, which the dev server prints as warnings.
   */
  governanceProblems: ContentProblem[];
}

/** The owner's view of what this build publishes, made with the one read of the content. */
export function governance(contentDir: string, policy: Policy): Governance & { releases: Release[] } {
  const { releases, problems: fileProblems } = readReleases(contentDir);
  const policyDir = displayPath(path.join(contentDir, "policy"));
  const findings = checkPolicyGaps(policy);
  const systemPrompt = systemPromptSummary(policy);
  return {
    releases,
    review: reviewPlan(releases, policy.organisation.policy),
    systemPrompt,
    allowedGaps: findings.filter((finding) => finding.allowedBecause),
    governanceProblems: [
      ...fileProblems,
      ...releaseProblems(policy, releases, contentDir),
      ...findings
        .filter((finding) => !finding.allowedBecause)
        .map((finding) => ({ file: policyDir, message: finding.message })),
      ...systemPromptProblems(systemPrompt, policyDir),
    ],
  };
}
