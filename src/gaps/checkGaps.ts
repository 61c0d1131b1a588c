import { POLICY_GAPS, type Gap, type GapPart } from "../lib/policyGaps.ts";
import { PRODUCTS } from "../schemas/organisation.ts";
import type { Clause, Policy } from "../policy/types.ts";

export interface GapFinding {
  gap: Gap;
  part: GapPart;
  /** What is wrong, why it matters and the clause to add or restore, as one message. */
  message: string;
  /** The reason from `policy.allowGaps` when the organisation leaves this gap open on purpose. */
  allowedBecause?: string;
}

/**
 * The article's five common gaps, checked against the customised policy: each part must be
 * closed by a clause that says so in its frontmatter (`closes`), and where a part is about a name
 * the organisation must fill in (its products, its escalation contact), that clause must carry it.
 */
export function checkPolicyGaps(policy: Policy): GapFinding[] {
  const clauses = policy.sections.flatMap((section) => section.clauses);
  const allowed = new Map(policy.organisation.policy.allowGaps.map(({ gap, reason }) => [gap, reason]));
  return POLICY_GAPS.flatMap((gap) =>
    gap.parts.flatMap((part) => {
      const closing = clauses.filter((clause) => clause.closes?.includes(part.id));
      const problem = closing.length ? unnamed(part, closing, policy) : `no clause closes it`;
      if (!problem) return [];
      const allowedBecause = allowed.get(gap.id);
      return [
        { gap, part, message: findingMessage(gap, part, problem), ...(allowedBecause ? { allowedBecause } : {}) },
      ];
    }),
  );
}

/** For parts about a name: which closing clause leaves it out, if every one does. */
function unnamed(part: GapPart, closing: Clause[], policy: Policy): string | undefined {
  const { contacts, products } = policy.organisation;
  const carries = (wanted: string[]) => closing.some((clause) => wanted.every((value) => clause.text.includes(value)));
  const ids = closing.map((clause) => clause.id).join(", ");
  if (part.id === "products-named") {
    const names = products.map((product) => PRODUCTS[product]);
    if (!carries(names))
      return `clause ${ids} closes it but does not name every product deployed (${names.join(", ")})`;
  }
  if (part.id === "escalation-contact") {
    const { name, email } = contacts.questions;
    if (!carries([name, email]))
      return `clause ${ids} closes it but does not name the questions contact (${name}, ${email})`;
  }
  if (part.id === "agent-incident-reporting") {
    const { incidents, incidentReportHours } = contacts;
    if (!carries([incidents.email, String(incidentReportHours)]))
      return `clause ${ids} closes it but does not give the incident contact (${incidents.email}) and the deadline (${incidentReportHours} hours)`;
  }
  return undefined;
}

function findingMessage(gap: Gap, part: GapPart, problem: string): string {
  return (
    `Gap "${gap.title}": the policy must ${part.need}, and ${problem}. ` +
    `Why it matters: ${gap.why}. ` +
    `Fix: restore clause ${part.restore} of the shipped policy, or add a clause that does this and list "${part.id}" under closes for it in its section's frontmatter (clauses: {"<id>": {closes: [${part.id}]}}). ` +
    `If the gap truly does not apply, name it in organisation.yaml under policy.allowGaps (gap: ${gap.id}) with the reason.`
  );
}
