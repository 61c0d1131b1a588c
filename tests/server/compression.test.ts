import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { decodedBody, rawRequest } from "../support/rawHttp.ts";

const TOKEN = "compression-test-admin-token-0123456789";
const dir = mkdtempSync(path.join(tmpdir(), "aup-compression-"));
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN });
  // Enough records that the exports are well over the 1 KB below which nothing is compressed.
  for (const id of ["compress0001", "compress0002", "compress0003"])
    expect((await post(server.url, validBody(id))).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}, method = "GET") =>
  rawRequest(`${server.url}${pathname}`, headers, method);
const built = (file: string) => readFileSync(path.resolve("dist/client", file));
/** The course's main chunk, by its hashed name in this build. */
const hashedScript = () => {
  const name = readdirSync(path.resolve("dist/client/_astro")).find((file) => file.endsWith(".js"));
  if (!name) throw new Error("The build wrote no script under dist/client/_astro.");
  return `/_astro/${name}`;
};

describe("compressed pages and assets of the built server", () => {
  it("serves the course page as brotli, gzip or identity as the client asks, q-values included", async () => {
    const identityBytes = built("course/index.html");
    const cases: [string | undefined, string | undefined][] = [
      ["gzip, deflate, br, zstd", "br"], // what Chromium sends
      ["gzip", "gzip"],
      ["br;q=0, gzip", "gzip"],
      ["gzip;q=1, br;q=0.5", "gzip"],
      ["br;q=0.8, gzip;q=0.8", "br"], // a tie goes to brotli
      ["*", "br"],
      ["*;q=0.5, br;q=0", "gzip"],
      ["identity", undefined],
      ["br;q=0, gzip;q=0", undefined],
      [undefined, undefined],
    ];
    for (const [accept, expected] of cases) {
      const answer = await get("/course", accept === undefined ? {} : { "accept-encoding": accept });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers["content-encoding"], accept).toBe(expected);
      expect(answer.headers.vary, accept).toBe("Accept-Encoding");
      expect(answer.headers["content-type"], accept).toBe("text/html; charset=utf-8");
      expect(Number(answer.headers["content-length"]), accept).toBe(answer.body.length);
      expect(decodedBody(answer).equals(identityBytes), accept).toBe(true);
    }
    const brotli = await get("/course", { "accept-encoding": "br" });
    // Brotli at its best quality: the 200 KB page goes over the wire in a fraction of that.
    expect(brotli.body.length).toBeLessThan(identityBytes.length / 3);
  });

  it("revalidates pages: no-cache with an ETag per coding and Last-Modified, 304 when current", async () => {
    const brotli = await get("/course/", { "accept-encoding": "br" });
    const gzip = await get("/course/", { "accept-encoding": "gzip" });
    expect(brotli.headers["cache-control"]).toBe("no-cache");
    const etag = brotli.headers.etag ?? "";
    expect(etag).toMatch(/^"[\da-f]+-[\da-f]+-br"$/);
    expect(gzip.headers.etag).not.toBe(etag);
    const notModified = await get("/course/", { "accept-encoding": "br", "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(etag);
    // The brotli copy's tag does not vouch for the gzip bytes: a gzip client gets the page again.
    expect((await get("/course/", { "accept-encoding": "gzip", "if-none-match": etag })).status).toBe(200);
    const lastModified = brotli.headers["last-modified"] ?? "";
    expect(Date.parse(lastModified)).toBeGreaterThan(0);
    expect((await get("/course/", { "if-modified-since": lastModified })).status).toBe(304);
    expect((await get("/course/", { "if-modified-since": new Date(0).toUTCString() })).status).toBe(200);
  });

  it("marks hashed assets immutable for a year and serves them precompressed; HEAD sends headers only", async () => {
    const script = hashedScript();
    const answer = await get(script, { "accept-encoding": "br, gzip" });
    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(decodedBody(answer).equals(built(script.slice(1)))).toBe(true);
    const head = await get(script, { "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("gzip");
    expect(Number(head.headers["content-length"])).toBe(built(`${script.slice(1)}.gz`).length);
    expect(head.body.length).toBe(0);
  });

  it("leaves the answer to the site for what is not a built file, and never serves the build's hidden or outside files", async () => {
    expect((await get("/_astro/missing.js")).status).toBe(404);
    expect((await get("/%2e%2e/package.json")).status).toBe(404);
    // A broken escape names no file: the site refuses it as a bad request.
    expect((await get("/%E0%A4%A")).status).toBe(400);
  });
});

describe("compressed answers rendered on request", () => {
  const hr = { authorization: `Bearer ${TOKEN}` };

  it("compresses a JSON export as it streams, brotli or gzip, and it decodes to the same records", async () => {
    const plain = await get("/api/admin/export?format=json", hr);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
    const records = JSON.parse(plain.body.toString("utf8")) as unknown[];
    expect(records).toHaveLength(3);
    for (const coding of ["br", "gzip"]) {
      const answer = await get("/api/admin/export?format=json", { ...hr, "accept-encoding": coding });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBe(coding);
      expect(answer.headers.vary).toBe("Accept-Encoding");
      expect(answer.headers["transfer-encoding"]).toBe("chunked"); // streamed, no length known ahead
      expect(answer.headers["content-length"]).toBeUndefined();
      // The route's own Cache-Control stays.
      expect(answer.headers["cache-control"]).toBe("no-store");
      expect(answer.body.length).toBeLessThan(plain.body.length / 2);
      expect(JSON.parse(decodedBody(answer).toString("utf8"))).toEqual(records);
    }
  });

  it("compresses the CSV export and the HR dashboard", async () => {
    const csv = await get("/api/admin/export?format=csv", { ...hr, "accept-encoding": "gzip" });
    expect(csv.headers["content-encoding"]).toBe("gzip");
    expect(decodedBody(csv).toString("utf8")).toContain("compress0002@kestrel.example");
    const dashboard = await get("/admin", { ...hr, "accept-encoding": "br" });
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers["content-encoding"]).toBe("br");
    expect(decodedBody(dashboard).toString("utf8")).toContain("compress0003@kestrel.example");
  });

  it("does not compress tiny answers, already compressed types (zip) or a refusal of every coding", async () => {
    const me = await get("/api/me", { "accept-encoding": "br" });
    expect(me.body.length).toBeLessThan(1024);
    expect(me.headers["content-encoding"]).toBeUndefined();
    expect(me.headers.vary).toBe("Accept-Encoding");
    expect(JSON.parse(me.body.toString("utf8"))).toBeTypeOf("object");
    const zip = await get("/api/admin/evidence", { ...hr, "accept-encoding": "br, gzip" });
    expect(zip.status).toBe(200);
    expect(zip.headers["content-type"]).toBe("application/zip");
    expect(zip.headers["content-encoding"]).toBeUndefined();
    expect(zip.body.subarray(0, 2).toString("latin1")).toBe("PK");
    const refused = await get("/api/admin/export?format=json", { ...hr, "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(refused.body.toString("utf8"))).toHaveLength(3);
  });
});
