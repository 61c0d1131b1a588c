/**
 * The five gaps the source article finds in customised AI policies, each made of the parts a
 * clause can close. Clauses say in their section's frontmatter which parts they close
 * (`closes: [agent-scope]`), so the check follows what a clause is for, not the words it uses.
 * `restore` names the shipped clause that closes the part, for the fix.
 */
export interface GapPart {
  id: string;
  /** What the policy must say, completing "The policy must …". */
  need: string;
  /** The clause of the shipped policy that closes it. */
  restore: string;
}

export interface Gap {
  id: string;
  title: string;
  why: string;
  parts: GapPart[];
}

export const POLICY_GAPS: readonly Gap[] = [
  {
    id: "products-and-accounts",
    title: "Products and tiers named, personal accounts addressed",
    why: "a policy about “AI tools” in general leaves people guessing which Claude products it covers, and a personal account sits outside the enterprise agreement and its data protections",
    parts: [
      { id: "products-named", need: "name every Claude product and tier the organisation deploys", restore: "1.2" },
      { id: "personal-accounts", need: "forbid personal Claude accounts for work", restore: "3.3" },
    ],
  },
  {
    id: "agentic-actions",
    title: "Agentic actions covered",
    why: "an agent acts on systems instead of only answering, so a mistake becomes a sent email, a payment or a deleted record before anyone sees it",
    parts: [
      {
        id: "agent-connection-approval",
        need: "require approval before an agent is connected to sensitive systems",
        restore: "5.2",
      },
      {
        id: "irreversible-action-confirmation",
        need: "require a person to confirm every irreversible agent action",
        restore: "5.3",
      },
      { id: "agent-scope", need: "limit each agent to the permissions and scope its task needs", restore: "5.4" },
      {
        id: "agent-incident-reporting",
        need: "require unintended agent actions to be reported, with a deadline and a contact",
        restore: "5.5",
      },
    ],
  },
  {
    id: "escalation-contact",
    title: "A named escalation contact",
    why: "“when in doubt, ask” only works when the policy says whom to ask; without a name people guess, or avoid the tool",
    parts: [
      { id: "escalation-contact", need: "name the contact people ask when unsure, with their email", restore: "7.3" },
    ],
  },
  {
    id: "human-review",
    title: "Human review of outputs",
    why: "Claude can be confidently wrong: without an explicit review before reliance or external sharing, an invented figure or citation reaches a client or a decision",
    parts: [
      {
        id: "output-review",
        need: "require a person to review outputs before relying on them or sharing them outside",
        restore: "2.6",
      },
    ],
  },
  {
    id: "third-party-data",
    title: "Third-party data, including what flows through connectors",
    why: "client and partner data is governed by their contracts, and a connector to a CRM, ticketing system or document store pulls such data in without anyone pasting it",
    parts: [
      {
        id: "third-party-data",
        need: "require the governing agreement to allow AI processing of third-party data",
        restore: "3.4",
      },
      {
        id: "connector-data",
        need: "say which third-party data categories may flow through each approved connector",
        restore: "3.6",
      },
    ],
  },
];

export const GAP_PART_IDS = POLICY_GAPS.flatMap((gap) => gap.parts.map((part) => part.id));
export const GAP_IDS = POLICY_GAPS.map((gap) => gap.id);
