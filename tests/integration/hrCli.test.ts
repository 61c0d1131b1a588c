import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STATUS_EXPORT_COLUMNS } from "../../src/hr/statusExport.ts";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { readRoster } from "../../src/records/stateFile.ts";
import { dataDir, dataDirWithRecords } from "../support/records.ts";

function run(script: string, args: string[], dir: string) {
  const result = spawnSync(process.execPath, [script, ...args], {
    env: { ...process.env, AUP_DATA_DIR: dir },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run export", () => {
  it("streams every record as CSV with a BOM into a new file", async () => {
    const dir = await dataDirWithRecords(3);
    const out = path.join(dir, "out.csv");
    const { status, stderr } = run("scripts/export.ts", ["--format", "csv", "--bom", "--out", out], dir);
    expect(status, stderr).toBe(0);
    const lines = readFileSync(out, "utf8").split("\r\n");
    expect(lines[0]?.startsWith("\uFEFFrecord_id,")).toBe(true);
    expect(lines.slice(1, 4).map((l) => l.split(",")[0])).toEqual(["ack-000001", "ack-000002", "ack-000003"]);
  });

  it("writes JSON to standard output", async () => {
    const dir = await dataDirWithRecords(2);
    const { status, stdout } = run("scripts/export.ts", ["--format", "json"], dir);
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as { id: string }[]).map((r) => r.id)).toEqual(["ack-000001", "ack-000002"]);
  });

  it("explains wrong flags, and never overwrites a file", async () => {
    const dir = await dataDirWithRecords(1);
    expect(run("scripts/export.ts", [], dir)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--format is required.") as string,
    });
    expect(run("scripts/export.ts", ["--format", "xlsx"], dir).stderr).toContain(
      '--format must be csv, json or jsonl, not "xlsx".',
    );
    expect(run("scripts/export.ts", ["--format", "csv", "--colour"], dir).stderr).toContain(
      "Unknown option '--colour'",
    );
    const out = path.join(dir, "exists.csv");
    writeFileSync(out, "keep me");
    expect(run("scripts/export.ts", ["--format", "csv", "--out", out], dir)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining("already exists") as string,
    });
    expect(readFileSync(out, "utf8")).toBe("keep me");
  });

  it("reads the roster while the server holds the data folder, and refuses a roster file of the wrong shape", async () => {
    const dir = await dataDirWithRecords(1);
    const store = await openRecordsStore(dir);
    await store.importRoster([
      {
        id: "e-1001",
        name: "Learner 1",
        email: "learner1@kestrel.example",
        department: "Risk",
        startDate: "2026-01-01",
        manager: "",
      },
    ]);
    const running = run("scripts/export.ts", ["--format", "csv"], dir);
    await store.close();
    expect(running.status, running.stderr).toBe(0);
    expect(running.stdout.split("\r\n")[1]?.split(",")[5]).toBe("Risk"); // the department, from the roster

    const state = dataFiles(dir).state;
    writeFileSync(state, '{"roster": [{"id": "e-1"}]}');
    const refused = run("scripts/export.ts", ["--format", "csv"], dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/state\.json does not hold the saved roster .*: roster\.0\.name is missing/);
    expect(refused.stdout).toBe("");
    expect(readFileSync(state, "utf8")).toBe('{"roster": [{"id": "e-1"}]}');
  });
});

describe("npm run export -- --what status", () => {
  const roster = (extra = "") =>
    `id,name,email,department,start date,manager\ne-1001,Learner 1,learner1@kestrel.example,Risk,2026-01-01,\ne-evil,=cmd|' /C calc'!A0,evil@kestrel.example,-Ops,2026-01-01,${extra}\n`;

  it("writes every roster employee's status, neutralised, filtered as the dashboard filters, while the server runs", async () => {
    const dir = await dataDirWithRecords(1);
    const file = path.join(dir, "roster.csv");
    writeFileSync(file, roster());
    expect(run("scripts/roster.ts", ["import", file], dir).status).toBe(0);
    const store = await openRecordsStore(dir); // the server holds the folder: the export reads it anyway
    const csv = run("scripts/export.ts", ["--format", "csv", "--what", "status"], dir);
    const json = run("scripts/export.ts", ["--format", "json", "--what", "status", "--department=-Ops"], dir);
    const overdue = run("scripts/export.ts", ["--format", "csv", "--what", "status", "--status", "overdue"], dir);
    await store.close();
    expect(csv.status, csv.stderr).toBe(0);
    const [header, ...rows] = csv.stdout.trimEnd().split("\r\n");
    expect(header).toBe(STATUS_EXPORT_COLUMNS.join(","));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^e-1001,Learner 1,learner1@kestrel\.example,Risk,,2026-01-01,complete,,,ack-000001,/);
    expect(rows[1]).toMatch(/^e-evil,'=cmd\|' \/C calc'!A0,evil@kestrel\.example,'-Ops,/);
    expect((JSON.parse(json.stdout) as { employee_id: string; department: string }[]).map((r) => r.department)).toEqual(
      ["-Ops"],
    );
    expect(
      overdue.stdout
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",")[0]),
    ).toEqual(["e-evil"]);
  });

  it("explains wrong flags, and keeps the records export the default", async () => {
    const dir = await dataDirWithRecords(1);
    expect(run("scripts/export.ts", ["--format", "csv", "--what", "people"], dir)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(
        '--what must be records (the acknowledgements) or status (every roster employee\'s), not "people".',
      ) as string,
    });
    expect(run("scripts/export.ts", ["--format", "csv", "--what", "status", "--status", "late"], dir).stderr).toContain(
      '--status must be one of complete, due, update-due, overdue, left, not "late".',
    );
    expect(run("scripts/export.ts", ["--format", "csv", "--department", "Risk"], dir).stderr).toContain(
      "--department, --status, --version and --search filter the status export: add --what status.",
    );
    expect(run("scripts/export.ts", ["--format", "csv"], dir).stdout.split("\r\n")[0]).toMatch(/^record_id,/);
  });
});

describe("npm run roster -- import", () => {
  const header = "id,name,email,department,start date,manager";

  it("imports, then updates on re-import", () => {
    const dir = dataDir();
    const file = path.join(dir, "roster.csv");
    writeFileSync(file, `${header}\nE-1,Ada,ada@kestrel.example,Risk,2026-01-01,\n`);
    expect(run("scripts/roster.ts", ["import", file], dir).stdout).toContain("1 added, 0 updated, 0 unchanged");
    writeFileSync(
      file,
      `${header}\nE-1,Ada,ada@kestrel.example,Legal,2026-01-01,\nE-2,Alan,alan@kestrel.example,Eng,2026-01-01,\n`,
    );
    expect(run("scripts/roster.ts", ["import", file], dir).stdout).toContain(
      "1 added, 1 updated, 0 unchanged (2 employees in the roster)",
    );
  });

  it("with --sync, marks employees missing from the file as left; importing them again brings them back", async () => {
    const dir = dataDir();
    const file = path.join(dir, "roster.csv");
    writeFileSync(
      file,
      `${header}\nE-1,Ada,ada@kestrel.example,Risk,2026-01-01,\nE-2,Alan,alan@kestrel.example,Eng,2026-01-01,\n`,
    );
    run("scripts/roster.ts", ["import", file], dir);
    writeFileSync(file, `${header}\nE-1,Ada,ada@kestrel.example,Risk,2026-01-01,\n`);
    const synced = run("scripts/roster.ts", ["import", "--sync", file], dir);
    expect(synced.stdout, synced.stderr).toContain(
      "0 added, 0 updated, 1 unchanged, 1 marked left (2 employees in the roster)",
    );
    expect((await readRoster(dir)).map((e) => `${e.id}:${e.leftOn ? "left" : "here"}`)).toEqual([
      "E-1:here",
      "E-2:left",
    ]);
    writeFileSync(file, `${header}\nE-2,Alan,alan@kestrel.example,Eng,2026-01-01,\n`);
    expect(run("scripts/roster.ts", ["import", file], dir).stdout).toContain("0 added, 1 updated, 0 unchanged");
    expect((await readRoster(dir)).map((e) => `${e.id}:${e.leftOn ? "left" : "here"}`)).toEqual([
      "E-1:here",
      "E-2:here",
    ]);
    expect(run("scripts/roster.ts", ["import", "--synch", file], dir)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("Usage: npm run roster -- import [--sync] FILE.csv") as string,
    });
  });

  it("names bad rows and imports nothing", () => {
    const dir = dataDir();
    const file = path.join(dir, "roster.csv");
    writeFileSync(file, `${header}\nE-1,Ada,ada-at-kestrel,Risk,2026-01-01,\n`);
    const result = run("scripts/roster.ts", ["import", file], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "Nothing was imported: 1 problem. The file was read as 6 columns separated by commas.",
    );
    expect(result.stderr).toContain('row 2, column email: is not an email address ("ada-at-kestrel").');
  });

  it("points to the dashboard and API while the server holds the data folder", async () => {
    const dir = dataDir();
    const store = await openRecordsStore(dir);
    const file = path.join(dir, "roster.csv");
    writeFileSync(file, `${header}\nE-1,Ada,ada@kestrel.example,Risk,2026-01-01,\n`);
    const result = run("scripts/roster.ts", ["import", file], dir);
    await store.close();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("import through the dashboard (/admin) or the API");
  });
});
