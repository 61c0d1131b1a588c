import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/records/pgRecordsStore.ts";
import { freshDatabase } from "../support/postgres.ts";
import { dataDir } from "../support/records.ts";

const run = promisify(execFile);

describe("npm run roster with AUP_DATABASE_URL", () => {
  it("imports into the database, where a running server hears of it", async () => {
    const url = await freshDatabase();
    const server = await openPostgresStore(url, dataDir(), () => undefined);
    const csv = path.join(dataDir(), "roster.csv");
    writeFileSync(
      csv,
      "id,name,email,department,start date,manager\nE-1,Ada Lovelace,ada@kestrel.example,Risk,2026-01-05,\n",
    );
    const { stdout } = await run(process.execPath, ["scripts/roster.ts", "import", csv], {
      env: { ...process.env, AUP_DATABASE_URL: url, AUP_DATA_DIR: dataDir() },
    });
    expect(stdout).toMatch(/1 added, 0 updated, 0 unchanged \(1 employee in the roster\)/);
    await expect.poll(() => server.roster().map((e) => e.email)).toEqual(["ada@kestrel.example"]);
    await server.close();
  });
});
