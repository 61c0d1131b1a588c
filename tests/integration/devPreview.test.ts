import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyContent, editFile } from "../support/contentFixture.ts";

function outsideVitest(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST") && key !== "TEST"));
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

describe("the dev server with unfinished organisation settings", () => {
  it("shows unfilled values visibly on the policy page, with the list of what to fix, instead of failing", async () => {
    const dir = copyContent();
    editFile(dir, "organisation.yaml", (t) =>
      t.replace("email: security@kestrel.example", 'email: "[INCIDENT EMAIL]"'),
    );
    const port = await freePort();
    // --ignore-lock: a developer's own dev server may be running; this one must not clash with it.
    const dev = spawn(
      process.execPath,
      [
        path.resolve("node_modules/astro/bin/astro.mjs"),
        "dev",
        "--ignore-lock",
        "--port",
        String(port),
        "--host",
        "127.0.0.1",
      ],
      {
        // As a developer runs it: vitest's own variables (VITEST, NODE_ENV=test) change how Vite behaves.
        env: { ...outsideVitest(), AUP_CONTENT_DIR: dir, ASTRO_TELEMETRY_DISABLED: "1", NODE_ENV: "development" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    dev.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      let html = "";
      for (let tries = 0; tries < 300 && !html; tries++) {
        html = await fetch(`http://127.0.0.1:${port}/policy`).then(
          (r) => (r.ok ? r.text() : ""),
          () => "",
        );
        if (!html) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(html, output).toContain('<mark class="unfilled"');
      expect(html).toContain("[contacts.incidents.email]");
      expect(html).toContain("Preview: 1 value(s) still to fill in");
      expect(html).toContain("contacts.incidents.email is still a placeholder (&quot;[INCIDENT EMAIL]&quot;)");
      expect(output).toContain('contacts.incidents.email is still a placeholder ("[INCIDENT EMAIL]")');
    } finally {
      dev.kill("SIGTERM");
    }
  });
});
