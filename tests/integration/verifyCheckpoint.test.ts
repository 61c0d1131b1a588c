import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { TAMPERINGS, type Tampering } from "../support/journalTampering.ts";
import { acknowledgement, dataDir, dataDirWithRecords } from "../support/records.ts";

function verify(dir: string, args: string[]) {
  const run = spawnSync(process.execPath, ["scripts/verify.ts", ...args], {
    env: { ...process.env, AUP_DATA_DIR: dir },
    encoding: "utf8",
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** A data folder of five records, and a copy of its checkpoint kept elsewhere (as an auditor would). */
async function withKeptCheckpoint() {
  const dir = await dataDirWithRecords(5);
  const kept = path.join(mkdtempSync(path.join(tmpdir(), "aup-kept-")), "checkpoint.txt");
  copyFileSync(dataFiles(dir).checkpoint, kept);
  return { dir, kept };
}

const CAUGHT: Record<Tampering, RegExp> = {
  "truncation at a line boundary": /holds 3 records, but the checkpoint signed a tree of 5: records 4 to 5 are missing/,
  "a cut in the middle of a record":
    /line 5 .*(incomplete|not valid JSON)|holds 4 records, but the checkpoint signed a tree of 5/,
  "a forged record appended": /record 6 is in no checkpoint the server signed \(its latest covers 5\)/,
  "history rewritten from record 2":
    /first 5 records are not the ones the checkpoint signed .*one or more of records 1 to 5 were changed/,
  "record 2 deleted and the rest renumbered":
    /holds 4 records, but the checkpoint signed a tree of 5: record 5 is missing, or records before it were removed/,
};

describe("npm run verify -- --checkpoint", () => {
  it("confirms a journal the server only extended since, and says what the checkpoint covers", async () => {
    const { dir, kept } = await withKeptCheckpoint();
    const store = await openRecordsStore(dir);
    await store.acknowledge(acknowledgement(6));
    await store.close();
    const { status, output } = verify(dir, ["--checkpoint", kept]);
    expect(output).toMatch(/chain valid, and consistent with .*checkpoint\.txt/);
    expect(output).toMatch(/first 5 records are exactly the tree the checkpoint signed/);
    expect(output).toMatch(/record 6 came after it, and the server's latest checkpoint covers them as they are/);
    expect(status).toBe(0);
  });

  it.each(Object.keys(TAMPERINGS) as Tampering[])("catches %s, made after the checkpoint was kept", async (kind) => {
    const { dir, kept } = await withKeptCheckpoint();
    TAMPERINGS[kind](dataFiles(dir).journal);
    const { status, output } = verify(dir, ["--checkpoint", kept]);
    expect(output).toMatch(CAUGHT[kind]);
    expect(status).toBe(1);
  });

  it("checks the signature with the keys given, and refuses a checkpoint signed by another key or edited", async () => {
    const { dir, kept } = await withKeptCheckpoint();
    const jwks = path.join(path.dirname(kept), "jwks.json");
    const { keys } = JSON.parse(readFileSync(dataFiles(dir).publicKeys, "utf8")) as { keys: unknown[] };
    writeFileSync(jwks, JSON.stringify({ keys }));
    expect(verify(dir, ["--checkpoint", kept, "--jwks", jwks]).status).toBe(0);

    const other = await withKeptCheckpoint(); // another data folder: another key
    const foreign = verify(dir, ["--checkpoint", other.kept, "--jwks", jwks]);
    expect(foreign.output).toMatch(/cannot be trusted: The signed note is not signed by any of the keys given/);
    expect(foreign.status).toBe(1);

    writeFileSync(kept, readFileSync(kept, "utf8").replace("\n5\n", "\n4\n"));
    const edited = verify(dir, ["--checkpoint", kept, "--jwks", jwks]);
    expect(edited.output).toMatch(/cannot be trusted: .*does not match its text/);
    expect(edited.status).toBe(1);
  });

  it("says what is wrong with the flags or files, with exit 2", async () => {
    const dir = dataDir();
    const nothing = verify(await dataDirWithRecords(1), ["--checkpoint", path.join(dir, "missing.txt")]);
    expect(nothing.output).toMatch(/missing\.txt \(the checkpoint\) cannot be read \(ENOENT\)/);
    expect(nothing.status).toBe(2);
    const stray = verify(dir, ["--jwks", "keys.json"]);
    expect(stray.output).toMatch(/give the checkpoint with --checkpoint/);
    expect(stray.status).toBe(2);
  });
});
