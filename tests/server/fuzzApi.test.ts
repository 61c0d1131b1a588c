import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { AcknowledgementBodySchema } from "../../src/schemas/acknowledgementBody.ts";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { dataDir } from "../support/records.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";

const TOKEN = "fuzz-admin-token-0123456789";
let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = dataDir();
  // Thousands of bodies from one address: the rate limit would refuse most of them before the checks under test.
  server = await startServer({ AUP_DATA_DIR: dir, AUP_ADMIN_TOKEN: TOKEN, AUP_ACK_RATE_LIMIT: "0" });
});
afterAll(async () => {
  await server.stop();
});

/** Strings people and attackers send: markup, spreadsheet formulas, control characters, long text. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "+1",
    "@SUM(A1)",
    "\u0000",
    "\r\n",
    "a".repeat(5000),
    "../../etc/passwd",
    "{{organisation.name}}",
  ),
  fc.string({ unit: "binary", maxLength: 60 }),
);

/** Any JSON value, deeply nested at times. */
const anyJson = fc.jsonValue({ maxDepth: 8 });

/** A valid body with one field replaced by something it must not be. */
const brokenBody = fc
  .tuple(
    fc.constantFrom(
      "attemptId",
      "learner",
      "typedName",
      "policy",
      "result",
      "learner.name",
      "learner.email",
      "result.score",
      "result.scenarios",
      "policy.hash",
    ),
    fc.oneof(hostileText, anyJson),
  )
  .map(([field, value]) => {
    const body = validBody("fuzzbase01") as Record<string, unknown>;
    const [outer = "", inner] = field.split(".");
    if (inner) body[outer] = { ...(body[outer] as object), [inner]: value };
    else body[outer] = value;
    return body;
  })
  // A replacement may happen to be valid for its field (a random string that is an email address):
  // keep only bodies that really break the documented schema.
  .filter((body) => !AcknowledgementBodySchema.safeParse(body).success);

/** The roster as the server keeps it (the state file in the data folder), read from outside. */
function roster(): unknown {
  const file = dataFiles(dir).state;
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { roster?: unknown }).roster : undefined;
}

describe("POST /api/acknowledgements under fuzzing", () => {
  it("answers every malformed, wrongly typed or hostile body with a 4xx and a message, stays up, and writes nothing", async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          brokenBody,
          anyJson,
          hostileText.map((text) => text),
        ),
        async (body) => {
          sent++;
          const answer = await post(server.url, body);
          const text = await answer.text();
          // Every generated body breaks a rule, so every one must be refused, with a reason.
          expect(answer.status, text).toBeGreaterThanOrEqual(400);
          expect(answer.status, text).toBeLessThan(500);
          expect((JSON.parse(text) as { error?: string }).error?.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 1500 },
    );
    expect(sent).toBe(1500);
    const journal = dataFiles(dir).journal;
    const lines = existsSync(journal) ? readFileSync(journal, "utf8").split("\n").filter(Boolean) : [];
    expect(lines).toEqual([]);
    expect((await post(server.url, validBody("aftertheflood1"))).status).toBe(201);
  });

  it("refuses a roster file with a hostile row, naming the row and column, and imports none of it", async () => {
    const header = "id,name,email,department,start date,manager";
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(hostileText, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        async (rows) => {
          const before = roster();
          const csv = `${header}\n${rows.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\n")}\n`;
          const answer = await fetch(`${server.url}/api/admin/roster`, {
            method: "POST",
            headers: { "content-type": "text/csv", authorization: `Bearer ${TOKEN}` },
            body: csv,
          });
          const text = await answer.text();
          if (answer.status === 200) return; // rows that happen to be valid
          expect(answer.status, text).toBe(400);
          expect(text).toMatch(/row \d+, column /);
          expect(roster()).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Sends any method (fetch refuses TRACE) and reads the whole answer. */
function rawRequest(
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    // Node's client sends a TRACE or DELETE body without a length unless told: say it, as a real client would.
    const sized = body ? { ...headers, "content-length": String(body.length) } : headers;
    const request = http.request(`${server.url}${pathname}`, { method, headers: sized }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () =>
        resolve({ status: answer.statusCode ?? 0, headers: answer.headers, text: Buffer.concat(chunks).toString() }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** A 4xx whose body explains itself: the page's alert, a JSON error or a sentence, never a stack. */
function expectRefusedWithMessage(answer: { status: number; text: string }, what: string): void {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, what).toBeLessThan(500);
  const message = /role="alert">\s*([^<]+)</.exec(answer.text)?.[1] ?? answer.text;
  expect(message.trim().length, what).toBeGreaterThan(20);
  expect(answer.text, what).not.toMatch(/\n\s+at |Internal Server Error/);
}

describe("requests that were answered with a 500", () => {
  const signInTypes = fc.oneof(
    fc.constantFrom(
      "application/json",
      "text/plain",
      "text/csv",
      "multipart/form-data",
      "multipart/form-data; boundary=xyz",
      'multipart/form-data; boundary="unterminated',
      "application/x-www-form-urlencoded; charset=nonsense",
    ),
    fc.string({ maxLength: 40 }).filter((type) => /^[\x20-\x7e]*$/.test(type)),
  );
  const signInBodies = fc.oneof(
    hostileText,
    anyJson.map((value) => JSON.stringify(value)),
    fc.constant('--xyz\r\nContent-Disposition: form-data; name="token"\r\n\r\nhalf a part'),
  );

  it("POST /admin/sign-in with JSON, text, no content type or a broken multipart body: a 4xx with a message", async () => {
    const noType = await rawRequest("POST", "/admin/sign-in", { origin: server.url }, Buffer.from('{"token":"x"}'));
    expectRefusedWithMessage(noType, "no content type");
    expect(noType.status).toBe(415);
    const json = await rawRequest(
      "POST",
      "/admin/sign-in",
      { origin: server.url, "content-type": "application/json" },
      Buffer.from('{"token":"x"}'),
    );
    expect(json.status).toBe(415);
    expect(json.text).toContain("application/x-www-form-urlencoded or multipart/form-data");
    const broken = await rawRequest(
      "POST",
      "/admin/sign-in",
      { origin: server.url, "content-type": "multipart/form-data; boundary=xyz" },
      Buffer.from("--xyz\r\nnot a part at all"),
    );
    expect(broken.status).toBe(400);
    expect(broken.text).toContain("could not be read");
    await fc.assert(
      fc.asyncProperty(signInTypes, signInBodies, async (type, body) => {
        const headers: Record<string, string> = { origin: server.url };
        if (type) headers["content-type"] = type;
        expectRefusedWithMessage(await rawRequest("POST", "/admin/sign-in", headers, Buffer.from(body)), type);
      }),
      { numRuns: 200 },
    );
  });

  it("a roster upload that is not a form: 400 with a message (signed in)", async () => {
    const headers = { origin: server.url, authorization: `Bearer ${TOKEN}` };
    for (const type of ["application/json", "multipart/form-data; boundary=xyz", "text/plain"])
      expectRefusedWithMessage(
        await rawRequest("POST", "/admin/roster", { ...headers, "content-type": type }, Buffer.from("--xyz\r\nbroken")),
        type,
      );
  });

  it("TRACE, PUT, DELETE, PATCH and made-up methods on every dynamic route: 405 with Allow and a message", async () => {
    const routes = ["/admin", "/admin/sign-in", "/admin/roster", "/receipt/ack-000001", "/api/me"];
    routes.push("/api/acknowledgements", "/api/admin/export", "/api/checkpoint", "/.well-known/jwks.json");
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND"])
      for (const route of routes) {
        const answer = await rawRequest(method, route, { origin: server.url }, Buffer.from("body"));
        expectRefusedWithMessage(answer, `${method} ${route}`);
        expect(answer.status, `${method} ${route}`).toBe(405);
        expect(answer.headers.allow).toBe("GET, HEAD, POST");
      }
  });

  it("a next= with CR/LF or another site: 400 with a message, no header injected, no redirect off the dashboard", async () => {
    const injection = `/admin/sign-in?next=${encodeURIComponent("/admin\r\nSet-Cookie: injected=1")}`;
    const form = (next: string) =>
      rawRequest(
        "POST",
        `/admin/sign-in?next=${encodeURIComponent(next)}`,
        // A client of its own (through the loopback proxy): the sign-in fuzzing above has used up 127.0.0.1's tries.
        { origin: server.url, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "192.0.2.77" },
        Buffer.from(`token=${TOKEN}`),
      );
    let signedIn = 0;
    const shown = await rawRequest("GET", injection);
    expectRefusedWithMessage(shown, "GET with CRLF");
    expect(shown.status).toBe(400);
    const posted = await form("/admin\r\nSet-Cookie: injected=1");
    expect(posted.status).toBe(400);
    expect(posted.headers["set-cookie"]).toBeUndefined();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileText,
          hostileText.map((text) => `/admin${text}`),
          fc.constantFrom("//evil.example/admin", "/\\evil.example", "https://evil.example", "/admin//evil.example"),
        ),
        async (next) => {
          const answer = await form(next);
          if (answer.status === 303) {
            signedIn++;
            expect(answer.headers.location, next).toMatch(/^\/admin(?:[/?#][\x21-\x7e]*)?$/);
            expect(answer.headers.location, next).not.toMatch(/^\/admin\/\//);
          } else expectRefusedWithMessage(answer, JSON.stringify(next));
        },
      ),
      { numRuns: 150 },
    );
    expect(signedIn, "some of the generated next= values were dashboard paths").toBeGreaterThan(0);
  });

  it("left no stack trace in the server's log", () => {
    expect(server.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
