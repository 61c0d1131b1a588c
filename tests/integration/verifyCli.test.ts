import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { dataDir, dataDirWithRecords } from "../support/records.ts";

function verify(dir: string) {
  const run = spawnSync(process.execPath, ["scripts/verify.ts"], {
    env: { ...process.env, AUP_DATA_DIR: dir },
    encoding: "utf8",
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("npm run verify", () => {
  it("confirms an intact chain and names the last record", async () => {
    const dir = await dataDirWithRecords(4);
    const { status, output } = verify(dir);
    expect(status).toBe(0);
    expect(output).toMatch(
      /4 records, chain valid; last record ack-000004, hash [0-9a-f]{64}; Merkle root [A-Za-z0-9+/]{43}=\./,
    );
  });

  it("exits non-zero naming the first record that does not fit", async () => {
    const dir = await dataDirWithRecords(4);
    const file = dataFiles(dir).journal;
    const lines = readFileSync(file, "utf8").split("\n");
    lines.splice(1, 1); // delete the second record
    writeFileSync(file, lines.join("\n"));
    const { status, output } = verify(dir);
    expect(status).toBe(1);
    expect(output).toContain("line 2 (record ack-000003) is numbered 3 but stands at position 2");
  });

  it("says when there is no journal to check", () => {
    const { status, output } = verify(dataDir());
    expect(status).toBe(2);
    expect(output).toContain("no acknowledgement has been recorded in this data folder");
  });
});
