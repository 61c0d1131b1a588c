// `npm run check:policy`: the common-gaps check of the customised policy in content/
// (AUP_CONTENT_DIR), as the build runs it. Exits 1 while a gap is open that policy.allowGaps does
// not name with a reason.
import { checkPolicyGaps } from "../src/gaps/checkGaps.ts";
import { POLICY_GAPS } from "../src/lib/policyGaps.ts";
import { ContentError } from "../src/lib/contentProblem.ts";
import { loadPolicy } from "../src/policy/loadPolicy.ts";

try {
  const findings = checkPolicyGaps(loadPolicy());
  const open = findings.filter((finding) => !finding.allowedBecause);
  for (const finding of findings.filter((finding) => finding.allowedBecause))
    console.log(
      `Left open on purpose (policy.allowGaps): ${finding.gap.title}, ${finding.part.id}: ${finding.allowedBecause}`,
    );
  for (const finding of open) console.error(`- ${finding.message}`);
  const closed = POLICY_GAPS.filter((gap) => !findings.some((finding) => finding.gap.id === gap.id));
  console.log(
    `${closed.length} of ${POLICY_GAPS.length} common gaps closed${closed.length ? `: ${closed.map((gap) => gap.title).join("; ")}` : ""}.`,
  );
  process.exit(open.length ? 1 : 0);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exit(1);
}
