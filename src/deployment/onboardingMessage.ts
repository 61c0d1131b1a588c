import { incidentReportTime, inText } from "../policy/placeholders.ts";
import type { Policy } from "../policy/types.ts";

/**
 * The message a Cowork admin sends new users (or sets as the deployment's welcome): it points to
 * the course before the first task. `siteUrl` is the policy site's address when known (the owner
 * page knows its own); without it, the paths are given on their own. The contacts read as the
 * policy's running text has them ("Ask the AI Governance Office", "within 24 hours").
 */
export function coworkOnboardingMessage(policy: Policy, siteUrl = ""): string {
  const { organisation, contacts, products } = policy.organisation;
  const product = products.includes("claude-cowork") ? "Claude Cowork" : "Claude";
  const base = siteUrl.replace(/\/+$/, "");
  const at = (page: string) => (base ? `at ${base}${page}` : `at ${page} on the policy site`);
  return [
    `Welcome to ${product} at ${organisation.name}.`,
    `Before your first task, take the Acceptable Use Policy course ${at("/course")}: short scenarios about the situations you will meet, then your acknowledgement of policy version ${policy.version}.`,
    `Read the policy itself ${at("/policy")}.`,
    `Unsure whether a use is allowed? Ask ${inText(contacts.questions)} (${contacts.questions.email}) first. Report incidents and unintended agent actions to ${inText(contacts.incidents)} (${contacts.incidents.email}) within ${incidentReportTime(contacts)}.`,
  ].join(" ");
}
