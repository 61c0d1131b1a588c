import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyContent, editFile } from "../support/contentFixture.ts";
import { startDevServer } from "../support/devServer.ts";

describe("the dev server with unfinished organisation settings", () => {
  it("shows unfilled values visibly on the policy page, with the list of what to fix, instead of failing", async () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t.replace("email: security@kestrel.example", 'email: "[INCIDENT EMAIL]"'),
    );
    const dev = await startDevServer({ AUP_CONTENT_DIR: dir });
    try {
      const html = await fetch(`${dev.url}/policy`).then((r) => r.text());
      expect(html, dev.output()).toContain('<mark class="unfilled"');
      expect(html).toContain("[contacts.incidents.email]");
      expect(html).toContain("Preview: 1 value still to fill in");
      expect(html).toContain("contacts.incidents.email is still a placeholder (&quot;[INCIDENT EMAIL]&quot;)");
      // The preview's styles come inline with the problems, so that built pages never carry them.
      expect(html).toMatch(/<style>[^<]*mark\.unfilled/);
      expect(dev.output()).toContain('contacts.incidents.email is still a placeholder ("[INCIDENT EMAIL]")');
    } finally {
      dev.stop();
    }
  });
});

describe("the dev server while the content is edited", () => {
  it("publishes an edited settings file and a newly added scenario, without a manual restart", async () => {
    const dir = copyContent();
    const scenarios = mkdtempSync(path.join(tmpdir(), "aup-dev-scenarios-"));
    cpSync("scenarios", scenarios, { recursive: true });
    const dev = await startDevServer({ AUP_CONTENT_DIR: dir, AUP_SCENARIOS_DIR: scenarios });
    const eventually = async (page: string, wanted: string) => {
      for (let tries = 0; tries < 150; tries++) {
        const html = await fetch(dev.url + page).then(
          (r) => r.text(),
          () => "",
        );
        if (html.includes(wanted)) return true;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return false;
    };
    try {
      editFile(dir, "organisation.yaml", (t) =>
        t.replace("name: Kestrel Example Group", "name: Kestrel Renamed Group"),
      );
      expect(await eventually("/policy", "Kestrel Renamed Group"), dev.output()).toBe(true);
      const copy = readFileSync(path.join(scenarios, "client-email-summary.yaml"), "utf8").replace(
        "id: client-email-summary",
        "id: client-email-summary-two",
      );
      writeFileSync(path.join(scenarios, "client-email-summary-two.yaml"), copy);
      expect(await eventually("/course", "client-email-summary-two"), dev.output()).toBe(true);
    } finally {
      dev.stop();
      rmSync(scenarios, { recursive: true, force: true });
    }
  });
});
