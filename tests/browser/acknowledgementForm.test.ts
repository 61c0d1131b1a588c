import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acknowledgementProblems } from "../../src/lib/acknowledgementFields.ts";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { startAndReadPolicy } from "../../scripts/harness/courseSteps.ts";
import { shippedCourse } from "../support/courseFixture.ts";
import { clickThroughScenarios } from "../support/learner.ts";
import { axeViolations, openPage } from "../support/page.ts";

const baseUrl = inject("baseUrl");
const course = shippedCourse();
const empty = { name: "", email: "", employeeId: "", typedName: "" };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
});
afterAll(async () => {
  await browser.close();
});

/** A fresh learner who passes the course and reaches the acknowledgement form. */
async function atTheForm() {
  const opened = await openPage(browser, baseUrl + "/course");
  const { page } = opened;
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload({ waitUntil: "networkidle" });
  await startAndReadPolicy(page, []);
  await clickThroughScenarios(page, course, () => "correct");
  await page.getByRole("button", { name: "Continue to the acknowledgement" }).click();
  await page.waitForSelector("#ack-title");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/acknowledgements")
      posts.push(request.postData() ?? "");
  });
  return { ...opened, posts };
}

/** What the page shows on a field: whether it is marked invalid, and the text of what describes it. */
function fieldState(page: Page, id: string) {
  return page.evaluate((inputId) => {
    const input = document.getElementById(inputId) as HTMLInputElement;
    const described = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    return {
      invalid: input.getAttribute("aria-invalid") === "true",
      error: document.getElementById(`${inputId}-error`)?.textContent ?? "",
      describedByError: described.includes(`${inputId}-error`),
      value: input.value,
    };
  }, id);
}

describe("the acknowledgement form in Chromium", () => {
  it("shows each problem on its field and in an announced summary, refuses ada@kestrel as the server does, keeps the fields across a reload", async () => {
    const { page, posts, failures } = await atTheForm();
    // One name to type: with form identity the full name is the signature.
    expect(await page.locator("#typed-name").count()).toBe(0);
    const button = page.getByRole("button", { name: "I acknowledge the policy" });
    expect(await button.isEnabled()).toBe(true);

    await button.click();
    const summary = page.locator("#acknowledgement-errors");
    await summary.waitFor();
    expect(await summary.getAttribute("role")).toBe("alert");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("acknowledgement-errors");
    const blank = acknowledgementProblems(empty, true);
    expect(await summary.locator("li").allTextContents()).toEqual([blank.name, blank.email, blank.employeeId]);
    for (const [id, problem] of [
      ["identity-name", blank.name],
      ["identity-email", blank.email],
      ["identity-employeeId", blank.employeeId],
    ] as const)
      expect(await fieldState(page, id)).toEqual({ invalid: true, error: problem, describedByError: true, value: "" });
    expect(await axeViolations(page)).toEqual([]);
    // A link in the summary takes the learner to its field.
    await summary.getByRole("link", { name: blank.email ?? "" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("identity-email");

    await page.getByLabel("Full name").fill("Ada Lovelace");
    await page.getByLabel("Work email").fill("ada@kestrel");
    await page.getByLabel("Employee ID").fill("E-1815");
    await button.click();
    const cut = acknowledgementProblems(
      { ...empty, name: "Ada Lovelace", email: "ada@kestrel", employeeId: "E-1815" },
      true,
    );
    expect(Object.keys(cut)).toEqual(["email"]);
    await expect.poll(() => fieldState(page, "identity-email")).toMatchObject({ invalid: true, error: cut.email });
    expect(await fieldState(page, "identity-name")).toMatchObject({ invalid: false, error: "" });
    expect(await summary.locator("li").allTextContents()).toEqual([cut.email]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("acknowledgement-errors");
    expect(await axeViolations(page)).toEqual([]);
    expect(posts).toEqual([]); // refused on the page, not sent
    // The server's schema refuses the same address, on the same field.
    const answer = await fetch(`${baseUrl}/api/acknowledgements`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ learner: { name: "Ada Lovelace", email: "ada@kestrel", employeeId: "E-1815" } }),
    });
    expect(answer.status).toBe(400);
    const { fields } = (await answer.json()) as { fields: { field: string }[] };
    expect(fields.map((f) => f.field)).toContain("learner.email");

    // A reload keeps what was typed, in this tab.
    await page.reload({ waitUntil: "networkidle" });
    await page.waitForSelector("#ack-title");
    expect((await fieldState(page, "identity-name")).value).toBe("Ada Lovelace");
    expect((await fieldState(page, "identity-email")).value).toBe("ada@kestrel");
    expect((await fieldState(page, "identity-employeeId")).value).toBe("E-1815");

    await page.getByLabel("Work email").fill("ada.lovelace@kestrel.example");
    await page.getByRole("button", { name: "I acknowledge the policy" }).click();
    await page.waitForSelector("#done-title");
    expect(posts).toHaveLength(1);
    const sent = JSON.parse(posts[0] ?? "{}") as { typedName: string; learner: { name: string } };
    expect(sent.typedName).toBe("Ada Lovelace");
    expect(sent.learner.name).toBe("Ada Lovelace");
    // Recorded: the typed details leave the tab's storage.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes("acknowledgement")))).toEqual(
      [],
    );
    expect(failures).toEqual([]);
    await page.close();
  });
});
