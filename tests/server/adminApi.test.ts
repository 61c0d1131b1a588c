import { describe, expect, inject, it } from "vitest";
import { ROSTER_MAX_BYTES } from "../../src/hr/rosterLimits.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";

const baseUrl = inject("baseUrl");
const token = inject("adminToken");
const HEADER = "id,name,email,department,start date,manager";

const roster = (body: string, auth = `Bearer ${token}`) =>
  fetch(`${baseUrl}/api/admin/roster`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: auth },
    body,
  });

describe("admin routes", () => {
  it("refuse every request without the admin token", async () => {
    const attempts = [
      fetch(`${baseUrl}/api/admin/export?format=csv`),
      fetch(`${baseUrl}/api/admin/export?format=csv`, { headers: { authorization: "Bearer wrong" } }),
      roster(`${HEADER}\n`, ""),
      roster(`${HEADER}\n`, `Bearer ${token}x`),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBe(401);
      expect(await answer.text()).toContain("Authorization: Bearer");
    }
    const page = await fetch(`${baseUrl}/admin?status=overdue`, { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin%3Fstatus%3Doverdue");
    // A cross-site form post is stopped by Astro's origin check; a same-site one is sent to sign in.
    expect((await fetch(`${baseUrl}/admin/roster`, { method: "POST", redirect: "manual" })).status).toBe(403);
    const sameSite = await fetch(`${baseUrl}/admin/roster`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: baseUrl },
    });
    expect(sameSite.status).toBe(303);
    expect(sameSite.headers.get("location")).toBe("/admin/sign-in?next=%2Fadmin%2Froster");
  });

  it("imports a roster through the API, naming bad rows, and updates on re-import", async () => {
    const bad = await roster(`${HEADER}\nE-9,Bad Row,not-an-email,Risk,2026-13-01,\n`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: "Nothing was imported: 2 problems.",
      problems: [
        'row 2, column email: is not an email address ("not-an-email"). Write the employee\'s work email, e.g. ada@yourcompany.com.',
        'row 2, column start date: is not a date in the calendar ("2026-13-01"): check the month and the day. Write the first working day as YYYY-MM-DD, e.g. 2026-02-01.',
      ],
    });
    const first = await roster(
      `${HEADER}\nA-1,Api One,api1@kestrel.example,Risk,2026-01-01,\nA-2,Api Two,api2@kestrel.example,Risk,2026-01-01,\n`,
    );
    expect(await first.json()).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const again = await roster(
      `${HEADER}\nA-1,Api One,api1@kestrel.example,Legal,2026-01-01,\nA-2,Api Two,api2@kestrel.example,Risk,2026-01-01,\n`,
    );
    expect(await again.json()).toEqual({ added: 0, updated: 1, unchanged: 1 });
  });

  it("refuses a roster over the size limit through the API and the dashboard, saying to split it", async () => {
    const tooLarge = `${HEADER}\n${"x".repeat(ROSTER_MAX_BYTES)}\n`;
    const api = await roster(tooLarge);
    expect(api.status).toBe(413);
    expect(((await api.json()) as { error: string }).error).toBe(
      `The body is larger than ${ROSTER_MAX_BYTES} bytes. Split the roster into smaller files.`,
    );
    const form = new FormData();
    form.set("roster", new Blob([tooLarge], { type: "text/csv" }), "roster.csv");
    const page = await fetch(`${baseUrl}/admin/roster`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${token}`, origin: baseUrl },
    });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain("The file is larger than 10 MB. Split the roster into smaller files.");
  });

  it("exports every record as CSV and JSON with the token", async () => {
    expect((await post(baseUrl, validBody("exportcheck1", "Export Checker"))).status).toBe(201);
    const csv = await fetch(`${baseUrl}/api/admin/export?format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await csv.text()).toMatch(
      /\r\nack-\d{6},[^\r]*,E-exportcheck1,Export Checker,exportcheck1@kestrel\.example,/,
    );
    const json = await fetch(`${baseUrl}/api/admin/export?format=json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await json.json()) as unknown[]).toContainEqual(expect.objectContaining({ signature: "Export Checker" }));
    const bad = await fetch(`${baseUrl}/api/admin/export?format=xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
  });

  it("opens a learner's receipt only with its key", async () => {
    const answer = (await (await post(baseUrl, validBody("receiptcheck1", "Receipt Reader"))).json()) as {
      receiptUrl: string;
      record: { id: string };
    };
    const page = await fetch(baseUrl + answer.receiptUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Receipt Reader");
    const wrong = await fetch(`${baseUrl}/receipt/${answer.record.id}?k=guess`);
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain("Receipt Reader");
  });
});
