import { readFileSync } from "node:fs";
import { OWNER_FILES, parseReviewFile } from "../published/ownerFiles.ts";
import { reviewNotice, type ReviewNotice } from "../review/reviewNotice.ts";

/**
 * The review notice for the server's start, from the plan the build wrote beside the site (the
 * server never reads content/). A build without the file (older than review plans) says nothing.
 */
export function reviewAtStart(distDir: URL, today = new Date()): ReviewNotice | undefined {
  let text: string;
  try {
    text = readFileSync(new URL(OWNER_FILES.review, distDir), "utf8");
  } catch {
    return undefined;
  }
  const plan = parseReviewFile(text);
  return plan && reviewNotice(plan, today);
}
