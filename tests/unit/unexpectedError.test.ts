import { describe, expect, it } from "vitest";
import { unexpectedErrorAnswer, unexpectedErrorLine } from "../../src/server/unexpectedError.ts";

describe("the log line of an unexpected error", () => {
  it("keeps a message of several lines on one line, with the first three frames and no folders", () => {
    const error = new TypeError("first line\n  second line");
    error.stack = [
      "TypeError: first line",
      "  second line",
      "    at readSecret (file:///srv/aup/dist/server/chunks/receiptLinks_X.mjs:38:9)",
      "    at isReceiptKey (/srv/aup/dist/server/chunks/receiptLinks_X.mjs:20:10)",
      "    at async render (node:internal/process/task_queues:95:5)",
      "    at async handle (file:///srv/aup/dist/server/entry.mjs:1:1)",
    ].join("\n");
    expect(unexpectedErrorLine("POST", "/api/acknowledgements", error)).toBe(
      "aup-course: unexpected error on POST /api/acknowledgements: TypeError: first line second line at readSecret (receiptLinks_X.mjs:38:9) < isReceiptKey (receiptLinks_X.mjs:20:10) < async render (node:internal/process/task_queues:95:5)",
    );
  });

  it("says what was thrown when it is not an Error, which has no stack", () => {
    expect(unexpectedErrorLine("GET", "/admin", "a string")).toBe(
      "aup-course: unexpected error on GET /admin: a string",
    );
  });
});

describe("the answer to an unexpected error", () => {
  it("is JSON on the API and text on pages, never cached, and says what to do", async () => {
    const api = unexpectedErrorAnswer("/api/me");
    expect(api.status).toBe(500);
    expect(api.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(api.headers.get("cache-control")).toBe("no-store");
    expect(((await api.json()) as { error: string }).error).toMatch(/try again in a moment/);
    const page = unexpectedErrorAnswer("/receipt/ack-000001");
    expect(page.status).toBe(500);
    expect(page.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toMatch(/^Something went wrong on the server/);
  });
});
