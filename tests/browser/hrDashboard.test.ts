import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { axeViolations, openPage } from "../support/page.ts";

const baseUrl = inject("baseUrl");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser.close();
});

describe("HR dashboard in Chromium", () => {
  it("signs in, imports a roster, shows status and charts, and downloads a CSV with the learner", async () => {
    expect((await post(baseUrl, validBody("hrlearner01", "Grace Hopper"))).status).toBe(201);
    const folder = mkdtempSync(path.join(tmpdir(), "aup-roster-"));
    const file = path.join(folder, "roster.csv");
    writeFileSync(
      file,
      "id,name,email,department,start date,manager\nE-hrlearner01,Grace Hopper,hrlearner01@kestrel.example,Engineering,2026-01-01,Ada\nE-late,Late Larry,larry@kestrel.example,Sales,2020-01-01,Ada\n",
    );

    const { page, failures } = await openPage(browser, `${baseUrl}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
    await page.getByLabel("Admin token").fill("not the token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("That token is not the admin token");
    await page.getByLabel("Admin token").fill(inject("adminToken"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/admin`);

    await page.getByLabel("Roster file (CSV)").setInputFiles(file);
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForSelector(".notice");
    expect(await page.locator(".notice").textContent()).toMatch(/Roster imported: \d+ added/);
    const overdue = await page.locator("#overdue-title + table").innerText();
    expect(overdue).toContain("Late Larry");
    expect(await page.locator("svg[role=img]").count()).toBeGreaterThanOrEqual(2);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("Status").selectOption("overdue");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/status=overdue/);
    expect(await page.locator("table.data-table").last().innerText()).not.toContain("Grace Hopper");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "CSV for Excel", exact: true }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("Grace Hopper");
    // The refused sign-in answers 401 on purpose; nothing else may fail.
    expect(failures.filter((f) => !f.includes("/admin/sign-in") && !f.includes("status of 401"))).toEqual([]);
    await page.close();
  });
});
