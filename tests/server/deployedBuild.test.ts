import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { SHIPPED_VERSION } from "../support/shipped.ts";

/**
 * The built server carries what it publishes: copied without content/ or scenarios/ beside it and
 * started from another working folder, every page and route still answers. A page that read the
 * content folder on request would fail here (as it would on a server deployed from the build).
 */
describe("the built server, deployed without its content", () => {
  const root = mkdtempSync(path.join(tmpdir(), "aup-deployed-"));
  const app = path.join(root, "app");
  const token = "deployed-admin-token-0123456789";
  let server: RunningServer;

  beforeAll(async () => {
    for (const part of ["dist", "src", "package.json"]) cpSync(part, path.join(app, part), { recursive: true });
    symlinkSync(path.resolve("node_modules"), path.join(app, "node_modules"), "dir");
    const elsewhere = mkdtempSync(path.join(root, "elsewhere-"));
    server = await startServer(
      { AUP_DATA_DIR: path.join(root, "data"), AUP_ADMIN_TOKEN: token, AUP_CONTENT_DIR: path.join(root, "no-content") },
      { main: path.join(app, "src/server/main.ts"), cwd: elsewhere },
    );
  });
  afterAll(async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("has nothing to read the content from", () => {
    for (const folder of ["content", "scenarios"]) expect(existsSync(path.join(app, folder))).toBe(false);
  });

  it("serves every page and route from the build alone", async () => {
    const admin = { authorization: `Bearer ${token}` };
    const answer = await post(server.url, validBody("deployed01"));
    expect(answer.status).toBe(201);
    const { receiptUrl } = (await answer.json()) as { receiptUrl: string };
    const csv = "id,name,email,department,start date,manager\nE-1,Ada Lovelace,ada@kestrel.example,Risk,2026-01-05,\n";
    const form = new FormData();
    form.set("roster", new File([csv], "staff.csv", { type: "text/csv" }));
    const pages: [string, RequestInit, number, RegExp][] = [
      ["/", {}, 200, /Using Claude at work/],
      ["/policy", {}, 200, /Acceptable Use Policy for Claude/],
      ["/course", {}, 200, /data-course=/],
      ["/refresher", {}, 200, /data-course=/],
      ["/admin/sign-in", {}, 200, /HR sign-in/],
      ["/admin", { headers: admin }, 200, new RegExp(`Policy ${SHIPPED_VERSION.replaceAll(".", "\\.")} `)],
      ["/admin/roster", { method: "POST", body: form, headers: { ...admin, origin: server.url } }, 303, /^$/],
      [receiptUrl, {}, 200, /Acknowledgement receipt/],
      ["/receipt/ack-999999?k=wrong", {}, 404, /Receipt not found/],
      ["/api/me", {}, 200, /"mode":"form"/],
      ["/api/admin/export?format=csv", { headers: admin }, 200, /deployed01@kestrel\.example/],
    ];
    for (const [route, init, status, body] of pages) {
      const response = await fetch(server.url + route, { redirect: "manual", ...init });
      expect({ route, status: response.status }).toEqual({ route, status });
      expect(await response.text()).toMatch(body);
    }
  });
});
