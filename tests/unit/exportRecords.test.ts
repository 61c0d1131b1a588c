import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { buffer, text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { csvLine, exportStream, neutraliseCell } from "../../src/hr/exportRecords.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";

const record = (name: string, signature = name): AcknowledgementRecord => ({
  seq: 1,
  id: "ack-000001",
  learner: { id: "E-1", name, email: "ada@kestrel.example", selfAsserted: true },
  policy: { version: "1.0.0", hash: "a".repeat(64) },
  result: { mode: "onboarding", score: 0.925, passed: true, attempt: 1, attemptId: "k3j2", scenarios: [] },
  signature,
  recordedAt: "2026-11-22T10:00:00.000Z",
  source: "site",
  prevHash: "0".repeat(64),
  hash: "b".repeat(64),
});

const field = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ",", "\r", "\n", "a", " ", "é", "=") }),
  fc.string({ unit: "binary" }),
);

describe("exports", () => {
  it.each([["=1+1"], ["+44 20"], ["-2"], ["@SUM(A1)"], ["\tTab"], ["\rCR"]])(
    "neutralises %j so that a spreadsheet keeps it as text",
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );

  it("leaves ordinary values alone", () => {
    expect(neutraliseCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(neutraliseCell("a=b")).toBe("a=b");
  });

  it("writes RFC 4180 CSV: quotes around commas, quotes and line breaks, doubled quotes, CRLF", async () => {
    const csv = await text(
      exportStream(
        [record('Lovelace, "Ada"\nCountess', '=HYPERLINK("x")')],
        [{ id: "E-1", name: "", email: "", department: "Risk", startDate: "2026-01-01", manager: "" }],
        { format: "csv" },
      ),
    );
    const [header, row, end] = csv.split("\r\n");
    expect(header).toBe(
      "record_id,recorded_at,employee_id,name,email,department,roster_employee_id,roster_department,policy_version,policy_hash,mode,score_percent,passed,attempt,attempt_id,identity,signature,source,prev_hash,record_hash",
    );
    expect(row).toContain('"Lovelace, ""Ada""\nCountess"');
    expect(row).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(row).toContain(",Risk,E-1,Risk,1.0.0,"); // as recorded (the roster's, for want of one), then the roster's
    expect(row).toContain(`,site,${"0".repeat(64)},${"b".repeat(64)}`); // prev_hash then record_hash: the chain can be checked
    expect(row).toContain(",93,yes,1,k3j2,self-asserted,");
    expect(end).toBe("");
  });

  it("starts with a byte order mark when asked, for Excel", async () => {
    // Read bytes: decoding text would drop the mark.
    expect(
      (await buffer(exportStream([record("Zoë")], [], { format: "csv", bom: true })))
        .subarray(0, 12)
        .toString("latin1"),
    ).toBe("\xEF\xBB\xBFrecord_id");
    expect((await buffer(exportStream([record("Zoë")], [], { format: "csv" }))).subarray(0, 9).toString("latin1")).toBe(
      "record_id",
    );
  });

  it("writes a JSON array of the full records, also when empty", async () => {
    expect(JSON.parse(await text(exportStream([record("Ada"), record("Alan")], [], { format: "json" })))).toHaveLength(
      2,
    );
    expect(JSON.parse(await text(exportStream([], [], { format: "json" })))).toEqual([]);
  });

  it.each(["csv", "json"] as const)(
    "sends a large history held in memory as %s in chunks of about 64 KB, never as one string",
    async (format) => {
      const history = Array.from({ length: 2000 }, (_, i) => record(`Learner ${i}`));
      const chunks: string[] = [];
      for await (const chunk of exportStream(history, [], { format })) chunks.push(String(chunk));
      expect(chunks.length).toBeGreaterThan(5);
      expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(65_536 + 2_000);
      if (format === "json") expect(JSON.parse(chunks.join(""))).toHaveLength(2000);
      else expect(chunks.join("").split("\r\n")).toHaveLength(2002); // header, 2,000 rows, the empty end
    },
  );

  it("writes CSV lines that a standard CSV reader gives back field for field, whatever the text", () => {
    fc.assert(
      // Mostly the characters that matter to CSV, so that quoting is exercised in every run.
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), (fields) => {
        const rows: string[][] = parse(csvLine(fields), { record_delimiter: "\r\n" });
        expect(rows).toEqual([fields]);
      }),
    );
  });
});
