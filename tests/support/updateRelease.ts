import { copyContent, editFile } from "./contentFixture.ts";
import { release, setVersion, startOwnHistory } from "./policyRelease.ts";

/** The two clauses 1.1.0 rewords, and the scenarios whose correct choices cite them (sorted). */
export const CHANGED_CLAUSES = ["4.8", "6.3"];
export const UPDATE_SCENARIOS = ["ai-assisted-client-report", "consumer-loan-decisions", "customer-help-chat"];

/**
 * A content copy with two material releases of its own: 1.0.0, then 1.1.0 rewording exactly two
 * clauses (4.8 and 6.3), each cited by the correct choices of onboarding scenarios. Clauses 1.2 and 8.2 quote the version
 * number and its dates, so that every release rewords them too; the copy's 1.0.0 is recorded without
 * those sentences, so that what 1.1.0 changes is those two clauses and nothing else. The shipped releases stay as they are.
 * With `minorFirst`, a minor release 1.0.1 rewording 3.4 comes between the two.
 */
export function contentWithUpdate({
  effectiveDate,
  minorFirst,
}: { effectiveDate?: string; minorFirst?: boolean } = {}): string {
  const content = copyContent();
  editFile(content, "policy/01-scope-and-purpose.md", (text) =>
    text.replace(
      "\n\nVersion {{policy.version}} of this policy takes effect on {{policy.effectiveDate}} and is due for review by {{policy.reviewDate}}.",
      "",
    ),
  );
  editFile(content, "policy/08-review-and-governance.md", (text) =>
    text.replace("This is version {{policy.version}}, effective from {{policy.effectiveDate}}. ", ""),
  );
  // The copy starts its own history: the shipped releases record other words.
  startOwnHistory(content);
  if (minorFirst) {
    // A wording release in between, rewording 3.4, which many scenarios cite: it asks nothing of anyone.
    editFile(content, "policy/03-data-handling.md", (text) =>
      text.replace("is not ours to share freely", "is not ours to share as we please"),
    );
    setVersion(content, "1.0.1");
    release(content, "--minor", "3.4 reads more plainly.");
  }
  rewordTwoClauses(content);
  setVersion(content, "1.1.0");
  // The update window runs from the day 1.1.0 takes effect: a test that judges status today sets it.
  if (effectiveDate)
    editFile(content, "organisation.yaml", (text) =>
      text.replace(/^ {2}effectiveDate: .*$/m, `  effectiveDate: ${effectiveDate}`),
    );
  release(content, "--material", "4.8 and 6.3 tightened.");
  return content;
}

/** Then a minor release (1.1.1, wording only) on top of contentWithUpdate's. */
export function addMinorRelease(content: string): void {
  editFile(content, "policy/06-intellectual-property.md", (text) =>
    text.replace("In practice:", "In practice, this means:"),
  );
  setVersion(content, "1.1.1");
  release(content, "--minor", "6.3 reads more plainly.");
}

function rewordTwoClauses(content: string): void {
  editFile(content, "policy/04-prohibited-uses.md", (text) =>
    text.replace("Extra safeguards apply when", "Strict safeguards apply whenever"),
  );
  editFile(content, "policy/06-intellectual-property.md", (text) =>
    text.replace("Some client contracts, regulators", "Many client contracts, regulators"),
  );
}
