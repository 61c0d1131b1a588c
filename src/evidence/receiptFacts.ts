// What a verified receipt shows, as labelled facts: the CLI prints them as lines, the /verify page
// as a description list, so both say the same thing in the same words. Isomorphic.
import type { VerifiedReceipt } from "./verifyReceipt.ts";

const MODES: Record<string, string> = { onboarding: "onboarding course", refresher: "quarterly refresher" };

export type ReceiptFact = [label: string, value: string];

/** Who acknowledged what and when, and what vouches for it, from a receipt that verified. */
export function receiptFacts(verified: Extract<VerifiedReceipt, { ok: true }>): ReceiptFact[] {
  const { summary, checkpoint, kid } = verified;
  const { learner, policy, result } = summary;
  const identity =
    learner.selfAsserted === undefined
      ? []
      : [learner.selfAsserted ? "typed by the learner" : "vouched for by single sign-on"];
  return [
    ["Name", learner.name],
    ["Email", learner.email],
    ["Employee id", learner.id],
    ...(learner.department === undefined ? [] : ([["Department", learner.department]] as ReceiptFact[])),
    ...(identity.length ? ([["Identity", identity.join("")]] as ReceiptFact[]) : []),
    ["Policy version", policy.version],
    ["Policy hash (SHA-256)", policy.hash],
    ["Course", MODES[result.mode] ?? result.mode],
    ["Score", `${(result.score * 100).toFixed(1)}% (${result.score})`],
    ["Passed", result.passed ? "yes" : "no"],
    ["Attempt id", result.attemptId],
    ["Recorded at", summary.recordedAt],
    ["Record", `${summary.id}, number ${summary.seq} of the journal`],
    ["Record hash", summary.hash],
    ["Checkpoint", `${checkpoint.origin}, ${checkpoint.size} record${checkpoint.size === 1 ? "" : "s"}`],
    ["Signing key id", kid],
  ];
}
