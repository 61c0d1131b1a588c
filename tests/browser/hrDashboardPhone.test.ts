import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { monthLabel } from "../../src/hr/filteredCharts.ts";
import { axeViolations } from "../support/page.ts";

const baseUrl = inject("baseUrl");
const auth = { authorization: `Bearer ${inject("adminToken")}` };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser.close();
});

// Long names on purpose: the department and email are what overflowed a phone and clipped the charts.
const DEPARTMENT = "Deception and impersonation response";
const ROSTER = [
  "id;name;email;department;start date;manager email",
  `E-phone001;Phoebe Phone;phone001@kestrel.example;${DEPARTMENT};2026-01-01;boss@kestrel.example`,
  `E-phonelate;Percival Longname-Overdue;percival.longname-overdue.of.the.sales.team@kestrel.example;${DEPARTMENT};2020-01-01;`,
].join("\n");

describe("HR dashboard on a phone, in Chromium", () => {
  it("fits 375 px without horizontal scroll, clips no chart label, passes axe, and marks a leaver", async () => {
    expect((await post(baseUrl, validBody("phone001", "Phoebe Phone"))).status).toBe(201);
    const imported = await fetch(`${baseUrl}/api/admin/roster`, {
      method: "POST",
      headers: { ...auth, "content-type": "text/csv" },
      body: ROSTER,
    });
    expect(imported.status, await imported.clone().text()).toBe(200);

    const page = await browser.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    // Signed in as HR is on a phone (a session cookie, which downloads carry too).
    const shown = `/admin?department=${encodeURIComponent(DEPARTMENT)}`;
    await page.goto(`${baseUrl}${shown}`);
    await page.getByLabel("Admin token").fill(inject("adminToken"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}${shown}`);

    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.body).toBeLessThanOrEqual(widths.viewport);

    // Every text of every chart lies inside its drawing: nothing is cut off at the edge.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll("svg[role=img]")].flatMap((svg) => {
        const box = (svg as SVGSVGElement).viewBox.baseVal;
        return [...svg.querySelectorAll("text")]
          .map((text) => ({ text: text.textContent ?? "", box: text.getBBox() }))
          .filter(({ box: b }) => b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5)
          .map(({ text }) => text);
      }),
    );
    expect(clipped).toEqual([]);
    const departmentChart = await page.locator("#by-department-title + svg").getAttribute("aria-label");
    expect(departmentChart).toContain(`${DEPARTMENT}: 50% (1 of 2)`);
    const months = await page.locator("#over-time-title + svg").textContent();
    const [month, year] = monthLabel(new Date().toISOString().slice(0, 7)).split(" ");
    expect(months).toContain(`${month}${year}`); // a word a line: "Dec" over "2026"

    const summary = await page.locator(".admin > p").first().innerText();
    expect(summary).toMatch(/\d+ acknowledgements? recorded; 2 employees shown\./);
    const overdue = await page.locator("#overdue-title + table").innerText();
    expect(overdue).toContain("percival.longname-overdue.of.the.sales.team@kestrel.example");
    const late = page.locator("#overdue-title + table tr", { hasText: "E-phonelate" });
    expect(await late.locator('td[data-label="Days overdue"]').innerText()).toMatch(/^[1-9]\d*$/);
    expect(await page.locator(".flag").allInnerTexts()).toContain("self-asserted: the learner typed who they are");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Mark as left: Percival Longname-Overdue" }).click();
    await page.waitForURL(/status=left/);
    expect(await page.locator(".notice").innerText()).toMatch(
      /^Percival Longname-Overdue \(E-phonelate\) is marked as left on \d{4}-\d{2}-\d{2}: out of the figures/,
    );
    expect(await page.locator("#everyone-title + table").innerText()).toContain("Percival Longname-Overdue");

    // Out of the figures: the department is now 1 of 1, and the status export says "left".
    await page.goto(`${baseUrl}/admin?department=${encodeURIComponent(DEPARTMENT)}`);
    expect(await page.locator("#by-department-title + svg").getAttribute("aria-label")).toContain(
      `${DEPARTMENT}: 100% (1 of 1)`,
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Status CSV for Excel" }).click(),
    ]);
    const rows: Record<string, string>[] = parse(readFileSync((await download.path()) ?? "", "utf8"), {
      bom: true,
      columns: true,
    });
    // The link carries the filter (the department), and so leaves leavers out as the page does.
    expect(rows.map((r) => [r.employee_id, r.status, r.flags])).toEqual([["E-phone001", "complete", "self-asserted"]]);

    await page.goto(`${baseUrl}/admin?status=left`);
    await page.getByRole("button", { name: "Bring back: Percival Longname-Overdue" }).click();
    await page.waitForURL(/notice=/);
    expect(await page.locator(".notice").innerText()).toBe(
      "Percival Longname-Overdue (E-phonelate) is back on the roster.",
    );
    await page.close();
  });
});
