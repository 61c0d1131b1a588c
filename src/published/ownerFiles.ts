import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { coworkOnboardingMessage } from "../deployment/onboardingMessage.ts";
import type { ReviewPlan } from "../review/reviewSchedule.ts";
import type { Published } from "./published.ts";

/** The files a site build leaves beside the site for the owner and the server. */
export const OWNER_FILES = {
  systemPrompt: "system-prompt.txt",
  coworkOnboarding: "cowork-onboarding.txt",
  /** Read by the server at its start, which never reads content/, to warn of a review. */
  review: "policy-review.json",
} as const;

/** Writes them into the build's output folder (dist/), outside what the site serves. */
export function writeOwnerFiles(outDir: string, published: Published): void {
  mkdirSync(outDir, { recursive: true });
  const { systemPrompt, review } = published.governance;
  writeFileSync(path.join(outDir, OWNER_FILES.systemPrompt), `${systemPrompt.text}\n`);
  // The site's address when the settings give one (reminders.siteUrl), so that the message links to the course.
  const siteUrl = published.policy.organisation.reminders?.siteUrl;
  writeFileSync(
    path.join(outDir, OWNER_FILES.coworkOnboarding),
    `${coworkOnboardingMessage(published.policy, siteUrl)}\n`,
  );
  writeFileSync(path.join(outDir, OWNER_FILES.review), `${JSON.stringify(review ?? null)}\n`);
}

/** The review plan a build wrote, or undefined for a build from before review plans. */
export function parseReviewFile(text: string): ReviewPlan | undefined {
  const data: unknown = JSON.parse(text);
  return data && typeof data === "object" && "nextReview" in data ? (data as ReviewPlan) : undefined;
}
