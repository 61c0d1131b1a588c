import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type Browser } from "../../scripts/harness/chromium.ts";
import { axeViolations, openPage } from "../support/page.ts";
import { signedJournal, type SignedJournal } from "../support/receipts.ts";

let browser: Browser;
let journal: SignedJournal;
let receipt: string;
let tampered: string;
let jwks: string;
let folder: string;
beforeAll(async () => {
  browser = await launchBrowser(inject("chromiumPath"));
  journal = await signedJournal(6);
  receipt = await journal.receipt(4);
  const [header, payload, signature] = receipt.split(".") as [string, string, string];
  // One learner's name changed inside the signed payload, the signature kept.
  const altered = Buffer.from(payload, "base64url").toString().replaceAll("Learner 5", "Learner 6");
  tampered = `${header}.${Buffer.from(altered).toString("base64url")}.${signature}`;
  jwks = JSON.stringify(journal.keyring.jwks, null, 2);
  folder = mkdtempSync(path.join(tmpdir(), "aup-verify-page-"));
});
afterAll(async () => {
  await browser.close();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * Every request the page makes from now on is listed, and refused if it would leave the machine
 * (a file:// page's own load goes on).
 */
async function blockNetwork(page: Page): Promise<string[]> {
  const attempted: string[] = [];
  page.on("request", (request) => {
    // The page's own load aside: a saved page loads from file:// and nothing else.
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) attempted.push(request.url());
  });
  await page.route(
    (url) => url.protocol !== "file:",
    (route) => route.abort(),
  );
  return attempted;
}

/** Fills both fields and presses Verify, with the keyboard only. */
async function verifyWithKeyboard(page: Page, jws: string, keys: string): Promise<void> {
  await page.locator("#receipt").focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(jws);
  await page.keyboard.press("Tab"); // the receipt's file chooser
  await page.keyboard.press("Tab");
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("jwks");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(keys);
  await page.keyboard.press("Tab"); // the keys' file chooser
  await page.keyboard.press("Tab");
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Verify");
  await page.keyboard.press("Enter");
}

const status = (page: Page) => page.locator('#verify-result[role="status"]');
const receiptError = (page: Page) => page.locator('#receipt-error[role="alert"]');

async function expectVerified(page: Page): Promise<void> {
  await expect.poll(() => status(page).locator("h2").textContent()).toBe("Receipt verified");
  const facts = await status(page)
    .locator("dt")
    .evaluateAll((terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.textContent]));
  const record = JSON.parse(journal.lines[4] ?? "") as { id: string; recordedAt: string };
  expect(facts).toEqual(
    expect.arrayContaining([
      ["Name", "Learner 5"],
      ["Email", "learner5@kestrel.example"],
      ["Employee id", "e-1005"],
      ["Recorded at", record.recordedAt],
      ["Record", `${record.id}, number 5 of the journal`],
      ["Checkpoint", `${journal.keyring.origin}, 6 records`],
      ["Signing key id", journal.keyring.current.kid],
    ]),
  );
  await expect(receiptError(page).textContent()).resolves.toBe("");
  await expect(page.locator("#receipt").getAttribute("aria-invalid")).resolves.toBeNull();
}

async function expectRejected(page: Page): Promise<void> {
  await expect
    .poll(() => receiptError(page).textContent())
    .toBe(
      `The receipt's signature does not match its content (key ${journal.keyring.current.kid}): it was altered after it was signed, or it was not issued by this site.`,
    );
  await expect(page.locator("#receipt").getAttribute("aria-invalid")).resolves.toBe("true");
  await expect(page.locator("#receipt").getAttribute("aria-describedby")).resolves.toBe("receipt-hint receipt-error");
  await expect(status(page).textContent()).resolves.toBe("");
}

describe("/verify", () => {
  it("checks a good receipt and rejects a tampered one with the network blocked, by keyboard, axe clean", async () => {
    const { page, failures } = await openPage(browser, `${inject("baseUrl")}/verify`);
    const attempted = await blockNetwork(page);
    expect(await axeViolations(page)).toEqual([]);
    await verifyWithKeyboard(page, receipt, jwks);
    await expectVerified(page);
    expect(await axeViolations(page)).toEqual([]);
    await verifyWithKeyboard(page, tampered, jwks);
    await expectRejected(page);
    expect(await axeViolations(page)).toEqual([]);
    expect(attempted).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it("works saved to disk as one HTML file, opened from file:// with every request refused", async () => {
    const saved = path.join(folder, "verify.html");
    copyFileSync(path.resolve("dist/client/verify/index.html"), saved);
    const page = await browser.newPage();
    const attempted = await blockNetwork(page);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(saved).href);
    // Chosen files: the receipt as the receipt page offers it, the keys as the evidence pack has them.
    writeFileSync(path.join(folder, "receipt.jws"), `${receipt}\n`);
    writeFileSync(path.join(folder, "jwks.json"), jwks);
    await page.locator("#receipt-file").setInputFiles(path.join(folder, "receipt.jws"));
    await expect.poll(() => page.locator("#receipt").inputValue()).toBe(`${receipt}\n`);
    await page.locator("#jwks-file").setInputFiles(path.join(folder, "jwks.json"));
    await expect.poll(() => page.locator("#jwks").inputValue()).toBe(jwks);
    await page.getByRole("button", { name: "Verify" }).click();
    await expectVerified(page);
    // A tampered receipt dropped on its field.
    await page.locator('[data-drop="receipt"]').evaluate((zone, text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "tampered.jws", { type: "text/plain" }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, tampered);
    await expect.poll(() => page.locator("#receipt").inputValue()).toBe(tampered);
    await page.getByRole("button", { name: "Verify" }).click();
    await expectRejected(page);
    // Styles are inline: the page is laid out as on the site.
    await expect(page.locator("header.site-header").evaluate((el) => getComputedStyle(el).display)).resolves.not.toBe(
      "inline",
    );
    expect(await page.locator('script[src], link[rel="stylesheet"]').count()).toBe(0);
    expect(attempted).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("says which field is missing, and what a browser without WebCrypto needs", async () => {
    const { page } = await openPage(browser, `${inject("baseUrl")}/verify`);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(receiptError(page).textContent()).resolves.toBe("Paste the receipt, or drop or choose its .jws file.");
    await expect(page.locator('#jwks-error[role="alert"]').textContent()).resolves.toBe(
      "Paste the public keys, or drop or choose jwks.json (from /.well-known/jwks.json).",
    );
    await expect(page.locator("#jwks").getAttribute("aria-describedby")).resolves.toBe("jwks-hint jwks-error");
    await page.locator("#receipt").fill(receipt);
    await page.locator("#jwks").fill('{"keys":[]}');
    await page.getByRole("button", { name: "Verify" }).click();
    await expect
      .poll(() => page.locator("#jwks-error").textContent())
      .toBe(
        "The public keys cannot be used: they hold no Ed25519 public key. Use the public keys exactly as published: the site's /.well-known/jwks.json, or jwks.json in the evidence pack.",
      );
    await expect(receiptError(page).textContent()).resolves.toBe("");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    // As a browser outside a secure context shows it: no crypto.subtle.
    const insecure = await browser.newPage();
    await insecure.addInitScript(() => Object.defineProperty(globalThis.crypto, "subtle", { value: undefined }));
    await insecure.goto(`${inject("baseUrl")}/verify`);
    await expect(insecure.locator('#verify-crypto[role="alert"]').textContent()).resolves.toMatch(
      /^This browser does not offer WebCrypto \(crypto\.subtle\) here.*open this page over https, from localhost, or save it and open the saved file\.$/,
    );
    await expect(insecure.locator("#verify-crypto").isVisible()).resolves.toBe(true);
    await insecure.close();
  });
});
