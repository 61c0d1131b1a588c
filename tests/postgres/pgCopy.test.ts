import { describe, expect, it } from "vitest";
import { copyInRows, copyOutLineBytes, copyOutValues } from "../../src/records/pgCopy.ts";
import { adminClient, freshDatabase } from "../support/postgres.ts";

describe("COPY in and out of PostgreSQL", () => {
  it("gives back every value exactly as written: escapes, control characters and characters split between chunks", async () => {
    const client = await adminClient(await freshDatabase());
    try {
      await client.query("CREATE TABLE copied (n integer PRIMARY KEY, value text NOT NULL)");
      const values = [
        '{"name":"Zoë \\"Quote\\" O\'Brien","path":"C:\\\\temp\\\\"}',
        "tab\there, newline\nthere, return\r, backslash-n \\n, form\ffeed, vertical\vtab, backspace\b",
        "ends with a backslash \\",
        // Longer than COPY's chunks, of characters of two, three and four bytes: some fall across two chunks.
        "é€😀".repeat(40_000),
        "",
      ];
      await copyInRows(client, "copied", ["n", "value"], [values.map((value, n) => [n, value])]);
      const { rows } = await client.query<{ value: string }>("SELECT value FROM copied ORDER BY n");
      expect(rows.map((row) => row.value)).toEqual(values); // written as they are
      const read: string[] = [];
      for await (const run of copyOutValues(client, "SELECT value FROM copied ORDER BY n")) read.push(...run);
      expect(read).toEqual(values); // and read back as they are
    } finally {
      await client.end();
    }
  });

  it("streams JSON lines out as bytes with their backslashes, and refuses a value with a control character", async () => {
    const client = await adminClient(await freshDatabase());
    try {
      await client.query("CREATE TABLE copied (n integer PRIMARY KEY, value text NOT NULL)");
      const lines = [
        JSON.stringify({ said: 'a "quote", a backslash \\ and a tab\t' }),
        JSON.stringify({ name: "Zoë", long: "€".repeat(50_000) }),
        JSON.stringify({ plain: true }),
      ];
      await copyInRows(client, "copied", ["n", "value"], [lines.map((line, n) => [n, line])]);
      const refuse = (row: number) => new Error(`row ${row}`);
      const chunks: Buffer[] = [];
      for await (const chunk of copyOutLineBytes(client, "SELECT value FROM copied ORDER BY n", refuse))
        chunks.push(chunk);
      expect(Buffer.concat(chunks).toString("utf8")).toBe(lines.map((line) => `${line}\n`).join(""));

      await client.query("INSERT INTO copied VALUES (3, 'a raw' || chr(9) || 'tab')");
      const read = async () => {
        for await (const chunk of copyOutLineBytes(client, "SELECT value FROM copied ORDER BY n", refuse)) void chunk;
      };
      await expect(read()).rejects.toThrow("row 4");
    } finally {
      await client.end();
    }
  });
});
