import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { openPostgresStore } from "../../src/records/pgRecordsStore.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { adminClient, freshDatabase } from "../support/postgres.ts";
import { acknowledgement, dataDir } from "../support/records.ts";
import { unpacked } from "../support/unpacked.ts";

function run(script: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
  const done = spawnSync(process.execPath, [path.resolve(script), ...args], {
    env: { ...process.env, AUP_DATABASE_URL: "", ...env },
    cwd,
    encoding: "utf8",
  });
  return { status: done.status, stdout: done.stdout, output: done.stdout + done.stderr };
}

const SENDS = [
  '{"type":"claim","key":"due:e-1:1.0.0","claim":"c-1","at":"2026-02-01T09:00:00.000Z","kind":"due","to":"learner1@kestrel.example","employeeId":"e-1"}',
  '{"type":"sent","key":"due:e-1:1.0.0","claim":"c-1","at":"2026-02-01T09:00:01.000Z","messageId":"<m-1@kestrel.example>","subject":"Your AUP course is due"}',
];

/** A data folder as a server leaves it: twelve records, a roster of two, two reminder lines, a checkpoint. */
async function folderWithEverything(): Promise<string> {
  const dir = dataDir();
  const store = await openRecordsStore(dir);
  for (let n = 1; n <= 12; n++) await store.acknowledge(acknowledgement(n));
  await store.importRoster(
    [1, 2].map((n) => ({
      id: `e-${n}`,
      name: `Learner ${n}`,
      email: `learner${n}@kestrel.example`,
      department: "Ops",
      startDate: "2026-01-01",
      manager: "",
    })),
  );
  const sends = await store.sendsLines();
  for (const line of SENDS) await sends.append(line);
  await sends.close();
  await store.close();
  return dir;
}

const rootOf = (output: string) => /Merkle root (\S+?)\.?$/m.exec(output)?.[1];

describe("records that move between a data folder and PostgreSQL", () => {
  it("moves a data folder into PostgreSQL and back, the chain verified on both sides, nothing lost", async () => {
    const dir = await folderWithEverything();
    const url = await freshDatabase();
    const journal = readFileSync(dataFiles(dir).journal, "utf8");

    const moved = run("scripts/migrateStore.ts", ["--to", url], { AUP_DATA_DIR: dir });
    expect(moved.output).toMatch(
      /Moved 12 records, a roster of 2 employees, 2 reminder sends and the latest checkpoint \(12 records\)/,
    );
    expect(moved.output).toMatch(/verified before and after the move/);
    expect(moved.status).toBe(0);

    // npm run verify and npm run export read the database as they read the folder.
    const onTable = { AUP_DATABASE_URL: url, AUP_DATA_DIR: dir };
    const folderCheck = run("scripts/verify.ts", [], { AUP_DATA_DIR: dir });
    const tableCheck = run("scripts/verify.ts", [], onTable);
    expect(tableCheck.output).toMatch(/the records table of PostgreSQL at .*: 12 records, chain valid/);
    expect(tableCheck.status).toBe(0);
    expect(rootOf(tableCheck.output)).toBe(rootOf(folderCheck.output));
    const againstCheckpoint = run("scripts/verify.ts", ["--checkpoint", dataFiles(dir).checkpoint], onTable);
    expect(againstCheckpoint.output).toMatch(/first 12 records are exactly the tree the checkpoint signed/);
    expect(againstCheckpoint.status).toBe(0);
    expect(run("scripts/export.ts", ["--format", "jsonl"], onTable).stdout).toBe(journal);
    expect(run("scripts/export.ts", ["--format", "jsonl"], { AUP_DATA_DIR: dir }).stdout).toBe(journal);
    expect(run("scripts/export.ts", ["--format", "csv"], onTable).stdout).toBe(
      run("scripts/export.ts", ["--format", "csv"], { AUP_DATA_DIR: dir }).stdout,
    );

    // A server on the database goes on with the same chain, keys and roster.
    const server = await openPostgresStore(url, dir, () => undefined);
    expect(server.roster().map((e) => e.id)).toEqual(["e-1", "e-2"]);
    const next = await server.acknowledge(acknowledgement(13));
    expect(next).toMatchObject({ record: { seq: 13 }, duplicate: false });
    await server.close();

    const again = run("scripts/migrateStore.ts", ["--to", url], { AUP_DATA_DIR: dir });
    expect(again.output).toMatch(/already holds 13 records, a roster of 2, 2 reminder sends, signed checkpoints/);
    expect(again.status).toBe(1);

    // And back into a new folder: the thirteen records, the roster, the sends and the keys.
    const back = path.join(dataDir(), "from-database");
    const returned = run("scripts/migrateStore.ts", ["--to", back], onTable);
    expect(returned.output).toMatch(/Moved 13 records, a roster of 2 employees, 2 reminder sends/);
    expect(returned.status).toBe(0);
    expect(readFileSync(dataFiles(back).journal, "utf8")).toBe(
      run("scripts/export.ts", ["--format", "jsonl"], onTable).stdout,
    );
    expect(readFileSync(dataFiles(back).sends, "utf8")).toBe(`${SENDS.join("\n")}\n`);
    expect(readFileSync(dataFiles(back).publicKeys, "utf8")).toBe(readFileSync(dataFiles(dir).publicKeys, "utf8"));
    const reopened = await openRecordsStore(back, () => undefined);
    expect(reopened.roster()).toHaveLength(2);
    expect(await reopened.acknowledge(acknowledgement(14))).toMatchObject({ record: { seq: 14 } });
    await reopened.close();
    expect(run("scripts/verify.ts", [], { AUP_DATA_DIR: back }).output).toMatch(/14 records, chain valid/);
  });

  it("makes the evidence pack from PostgreSQL, checkable with the pack alone", async () => {
    const dir = await folderWithEverything();
    const url = await freshDatabase();
    expect(run("scripts/migrateStore.ts", ["--to", url], { AUP_DATA_DIR: dir }).status).toBe(0);
    const zip = path.join(mkdtempSync(path.join(tmpdir(), "aup-out-")), "evidence.zip");
    const made = run("scripts/evidence.ts", ["--out", zip], { AUP_DATABASE_URL: url, AUP_DATA_DIR: dir });
    expect(made.output).toMatch(/evidence\.zip: 12 records, the status of 2 employees, 11 files/);
    expect(made.status).toBe(0);
    const pack = unpacked(zip);
    expect(readFileSync(path.join(pack, "records/acknowledgements.jsonl"), "utf8")).toBe(
      readFileSync(dataFiles(dir).journal, "utf8"),
    );
    expect(readFileSync(path.join(pack, "reminders/sends.jsonl"), "utf8")).toBe(`${SENDS.join("\n")}\n`);
    const args = [
      "--journal",
      "records/acknowledgements.jsonl",
      "--checkpoint",
      "checkpoint.txt",
      "--jwks",
      "jwks.json",
    ];
    const verified = run("scripts/verify.ts", args, { AUP_DATA_DIR: dataDir() }, pack);
    expect(verified.output).toMatch(/first 12 records are exactly the tree the checkpoint signed/);
    expect(verified.status).toBe(0);
  });

  it("finds a record changed in the table, and moves nothing from a chain that does not verify", async () => {
    const dir = await folderWithEverything();
    const url = await freshDatabase();
    expect(run("scripts/migrateStore.ts", ["--to", url], { AUP_DATA_DIR: dir }).status).toBe(0);
    // What only someone with the database's owner rights can do: switch the guard off and edit.
    const admin = await adminClient(url);
    await admin.query("ALTER TABLE records DISABLE TRIGGER records_append_only");
    await admin.query("UPDATE records SET line = replace(line, 'Learner 3', 'Learner Z') WHERE seq = 3");
    await admin.end();

    const checked = run("scripts/verify.ts", [], { AUP_DATABASE_URL: url, AUP_DATA_DIR: dir });
    expect(checked.output).toMatch(
      /the records table of PostgreSQL at .* line 3 \(record ack-000003\) does not match its hash.*restore the database from a backup/,
    );
    expect(checked.status).toBe(1);
    const back = path.join(dataDir(), "copy");
    const refused = run("scripts/migrateStore.ts", ["--to", back], { AUP_DATABASE_URL: url, AUP_DATA_DIR: dir });
    expect(refused.output).toMatch(/line 3 \(record ack-000003\) does not match its hash/);
    expect(refused.status).toBe(1);
    expect(existsSync(dataFiles(back).journal)).toBe(false);

    // A journal cut below its latest checkpoint is refused too, and the database keeps nothing of it.
    const cut = await folderWithEverything();
    const lines = readFileSync(dataFiles(cut).journal, "utf8").split("\n").filter(Boolean);
    writeFileSync(dataFiles(cut).journal, `${lines.slice(0, 10).join("\n")}\n`);
    const empty = await freshDatabase();
    const cutMove = run("scripts/migrateStore.ts", ["--to", empty], { AUP_DATA_DIR: cut });
    expect(cutMove.output).toMatch(/holds 10 records, fewer than the 12 its latest checkpoint signed/);
    expect(cutMove.status).toBe(1);
    const client = await adminClient(empty);
    expect((await client.query("SELECT count(*)::int AS n FROM records")).rows).toEqual([{ n: 0 }]);
    await client.end();
  });

  it("explains wrong flags and refuses a target that holds records", async () => {
    const dir = await folderWithEverything();
    expect(run("scripts/migrateStore.ts", [], { AUP_DATA_DIR: dir })).toMatchObject({
      status: 2,
      output: expect.stringMatching(/--to is required/) as string,
    });
    expect(run("scripts/migrateStore.ts", ["--to", dir], { AUP_DATA_DIR: dir })).toMatchObject({
      status: 2,
      output: expect.stringMatching(/set AUP_DATABASE_URL, or give it with --from/) as string,
    });
    const other = await folderWithEverything();
    const url = await freshDatabase();
    const intoFull = run("scripts/migrateStore.ts", ["--from", url, "--to", other], { AUP_DATA_DIR: dir });
    expect(intoFull.output).toMatch(/holds no aup-course records/);
    expect(intoFull.status).toBe(1);
    expect(run("scripts/migrateStore.ts", ["--to", url], { AUP_DATA_DIR: dir }).status).toBe(0);
    const newer = await freshDatabase();
    const admin = await adminClient(newer);
    await admin.query("CREATE TABLE aup_schema (version integer NOT NULL); INSERT INTO aup_schema VALUES (99)");
    await admin.end();
    const refused = run("scripts/migrateStore.ts", ["--to", newer], { AUP_DATA_DIR: dir });
    expect(refused.output).toMatch(/schema version 99, newer than this release/);
    expect(refused.status).toBe(1);
    const full = run("scripts/migrateStore.ts", ["--from", url, "--to", other], { AUP_DATA_DIR: dir });
    expect(full.output).toMatch(
      /already holds acknowledgements\.jsonl, state\.json, checkpoint\.txt, reminders\.jsonl/,
    );
    expect(full.status).toBe(1);
  });
});
