import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/lib/contentProblem.ts";
import { publish } from "../../src/published/published.ts";
import { renderEmail } from "../../src/reminders/renderEmail.ts";
import { copyContent, editFile } from "../support/contentFixture.ts";

const problemsOf = (contentDir: string) =>
  publish({ contentDir, scenariosDir: path.resolve("scenarios") }).problems.map(formatProblem);

describe("the email templates (content/emails/)", () => {
  it("publish with the settings and the course link in every email", () => {
    const { reminders, problems } = publish({
      contentDir: path.resolve("content"),
      scenariosDir: path.resolve("scenarios"),
    });
    expect(problems).toEqual([]);
    expect(Object.keys(reminders.templates ?? {}).sort()).toEqual(["digest", "due", "escalation", "overdue"]);
    expect(reminders.settings).toMatchObject({ hrEmail: "hr@kestrel.example", timeZone: "Europe/London", leadDays: 5 });
  });

  it("name the file and line of an unknown placeholder, an email without the course link, and a missing email", () => {
    const dir = copyContent();
    editFile(dir, "emails/overdue.md", (text) =>
      text.replace("Hello {{employee.name}},", "Hello {{employee.fullName}},"),
    );
    editFile(dir, "emails/due.md", (text) => text.replace(/\{\{course\.link\}\}/g, "the course"));
    editFile(dir, "emails/escalation.md", (text) =>
      text.replace('subject: "{{employee.name}}', 'subject: "{{manager.email}}'),
    );
    rmSync(path.join(dir, "emails/digest.md"));
    const problems = problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /emails\/overdue\.md: line 5 uses the unknown placeholder \{\{employee\.fullName\}\}\. Use a field of organisation\.yaml, e\.g\. \{\{organisation\.name\}\}, or one of this email's: \{\{employee\.name\}\}/,
        ),
        expect.stringMatching(/emails\/due\.md: does not link to the course\. Add \{\{course\.link\}\}/),
        expect.stringMatching(
          /emails\/escalation\.md: line 2 uses the unknown placeholder \{\{manager\.email\}\} in the subject/,
        ),
        expect.stringMatching(/emails\/digest\.md: does not exist\. Write the digest email there/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it("refuse a reminders group without the templates, and settings that cannot work", () => {
    const dir = copyContent();
    rmSync(path.join(dir, "emails"), { recursive: true });
    editFile(dir, "organisation.yaml", (text) =>
      text
        .replace("timeZone: Europe/London", "timeZone: Europe/Londres")
        .replace("digestDay: monday", "digestDay: sunday"),
    );
    const problems = problemsOf(dir);
    expect(problems).toEqual([
      expect.stringMatching(
        /organisation\.yaml: reminders\.timeZone is not a time zone this system knows \("Europe\/Londres"\)/,
      ),
      expect.stringMatching(/organisation\.yaml: reminders\.digestDay \(sunday\) is not one of the business days/),
      expect.stringMatching(/emails: does not exist, and organisation\.yaml asks for reminders/),
    ]);
  });

  it("fill the organisation's values and the send's, escaped in the HTML and as written in the text", () => {
    const { reminders } = publish({ contentDir: path.resolve("content"), scenariosDir: path.resolve("scenarios") });
    const mail = renderEmail(reminders.templates!.due, reminders.values, {
      "employee.name": "Ada <b>*Lovelace*</b>",
      "employee.dueBy": "2 March 2026",
      "employee.reason": "has not acknowledged the policy",
      "course.link": "https://aup.kestrel.example/course",
      "course.duration": "about 20 to 35 minutes",
    });
    expect(mail.subject).toBe("Please acknowledge the Claude Acceptable Use Policy by 2 March 2026");
    expect(mail.text).toContain("Hello Ada <b>*Lovelace*</b>,");
    expect(mail.text).toContain("Kestrel Example Group asks everyone");
    expect(mail.html).toContain("Hello Ada &lt;b&gt;*Lovelace*&lt;/b&gt;,");
    expect(mail.html).toContain('<a href="https://aup.kestrel.example/course">Open the course</a>');
    // The time the course the employee owes takes, not a fixed figure.
    expect(mail.text).toContain("allow about 20 to 35 minutes: https://aup.kestrel.example/course");
  });
});

describe("the contacts in the emails' running text", () => {
  it("read with their article, as the policy's sentences name them", () => {
    const { reminders } = publish({ contentDir: path.resolve("content"), scenariosDir: path.resolve("scenarios") });
    const send = {
      "manager.name": "Grace Hopper",
      "employee.name": "Ada Lovelace",
      "employee.email": "ada@kestrel.example",
      "employee.dueBy": "2 March 2026",
      "employee.daysOverdue": "3 business days",
      "employee.reason": "has not acknowledged the policy",
      "course.link": "https://aup.kestrel.example/course",
      "course.duration": "about 20 to 35 minutes",
    };
    const text = (name: "due" | "overdue" | "escalation") =>
      renderEmail(reminders.templates![name], reminders.values, send).text;
    expect(text("due")).toContain(
      "Questions about what the policy allows go to the AI Governance Office (ai-governance@kestrel.example).",
    );
    expect(text("overdue")).toContain(
      "If you cannot, tell the AI Governance Office (ai-governance@kestrel.example) why.",
    );
    expect(text("escalation")).toContain("Questions go to the AI Governance Office (ai-governance@kestrel.example).");
  });
});
