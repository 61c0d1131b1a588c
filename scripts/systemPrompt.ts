// `npm run system-prompt [-- --site https://aup.example.com]`: prints the summary of the critical
// rules for the organisation's Claude deployments (Cowork, API) and the Cowork admin's onboarding
// message, from the policy in content/ (AUP_CONTENT_DIR). The build writes both to dist/ as well.
import path from "node:path";
import { parseArgs } from "node:util";
import { coworkOnboardingMessage } from "../src/deployment/onboardingMessage.ts";
import { systemPromptProblems, systemPromptSummary, SYSTEM_PROMPT_MAX_WORDS } from "../src/deployment/systemPrompt.ts";
import { ContentError, formatProblem } from "../src/lib/contentProblem.ts";
import { loadPolicy } from "../src/policy/loadPolicy.ts";
import { contentDir, displayPath } from "../src/policy/paths.ts";

const USAGE = "Usage: npm run system-prompt [-- --site URL]";

let site: string | undefined;
try {
  ({
    values: { site },
  } = parseArgs({ options: { site: { type: "string" } }, strict: true }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (site !== undefined && !/^https?:\/\/[^\s/]+/.test(site)) {
  console.error(
    `--site must be the policy site's address, such as https://aup.example.com, not ${JSON.stringify(site)}.\n${USAGE}`,
  );
  process.exit(2);
}

try {
  const content = contentDir();
  const policy = loadPolicy({ contentDir: content });
  const summary = systemPromptSummary(policy);
  const problems = systemPromptProblems(summary, displayPath(path.join(content, "policy")));
  if (problems.length) {
    console.error(problems.map(formatProblem).join("\n"));
    process.exit(1);
  }
  console.log(`System prompt for Claude deployments (${summary.words} of ${SYSTEM_PROMPT_MAX_WORDS} words):\n`);
  console.log(summary.text);
  console.log(`\nCowork admin onboarding message:\n`);
  console.log(coworkOnboardingMessage(policy, site));
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exit(1);
}
