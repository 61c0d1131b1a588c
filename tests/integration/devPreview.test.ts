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
      expect(html).toContain("Preview: 1 value(s) still to fill in");
      expect(html).toContain("contacts.incidents.email is still a placeholder (&quot;[INCIDENT EMAIL]&quot;)");
      // The preview's styles come inline with the problems, so that built pages never carry them.
      expect(html).toMatch(/<style>[^<]*mark\.unfilled/);
      expect(dev.output()).toContain('contacts.incidents.email is still a placeholder ("[INCIDENT EMAIL]")');
    } finally {
      dev.stop();
    }
  });
});
