import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileSendsLines } from "../../src/records/sendsLines.ts";
import { CLAIM_TIMEOUT_MS, SendsJournal } from "../../src/reminders/sendsJournal.ts";
import { dataDir } from "../support/records.ts";

const at = new Date("2026-02-17T09:00:00Z");
const later = (ms: number) => new Date(at.getTime() + ms);
const what = { kind: "due", to: "ada@kestrel.example", employeeId: "E-1" };
const open = async (file: string, warnings: string[] = []) =>
  SendsJournal.open(await fileSendsLines(file), (w) => warnings.push(w));

describe("the sends journal", () => {
  it("gives a key to one claim when two journals on the file claim it at once", async () => {
    const file = path.join(dataDir(), "reminders.jsonl");
    const journals = await Promise.all([1, 2, 3, 4].map(() => open(file)));
    for (let round = 0; round < 20; round++) {
      const key = `E-1|1.0.0|2026-03-02|due-${round}`;
      const claims = await Promise.all(journals.map((j) => j.claim(key, at, what)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
    await Promise.all(journals.map((j) => j.close()));
  });

  it("keeps a sent key sent, gives a failed claim back at once, and a silent one after the timeout", async () => {
    const file = path.join(dataDir(), "reminders.jsonl");
    const first = await open(file);
    const sent = await first.claim("sent", at, what);
    await first.sent("sent", sent as string, at, "<id@kestrel.example>", "Subject");
    const failed = await first.claim("failed", at, what);
    await first.failed("failed", failed as string, at, "mail server down");
    expect(await first.claim("silent", at, what)).toBeDefined(); // and then the process "crashes"
    await first.close();

    const second = await open(file);
    expect(second.taken("sent", later(CLAIM_TIMEOUT_MS * 10))).toBe("sent");
    expect(await second.claim("sent", later(CLAIM_TIMEOUT_MS * 10), what)).toBeUndefined();
    expect(await second.claim("failed", at, what)).toBeDefined();
    expect(await second.claim("silent", later(CLAIM_TIMEOUT_MS - 1), what)).toBeUndefined();
    expect(await second.claim("silent", later(CLAIM_TIMEOUT_MS), what)).toBeDefined();
    await second.close();
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual(["claim", "sent", "claim", "failed", "claim", "claim", "claim"]);
  });

  it("owns nothing on a line cut short, and says so", async () => {
    const file = path.join(dataDir(), "reminders.jsonl");
    const warnings: string[] = [];
    const journal = await open(file, warnings);
    const claim = await journal.claim("k", at, what);
    await journal.close();
    // A crash mid-write, then another process's whole line after it: the joined line is no entry.
    const text = readFileSync(file, "utf8");
    writeFileSync(file, `${text}{"type":"claim","key":"torn${text}`);
    const reread = await open(file, warnings);
    expect(reread.state("k")?.owner?.claim).toBe(claim);
    expect(reread.state("torn")).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining("skipped a line that is not a whole journal entry")]);
    await reread.close();
  });
});
