import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { receiptPayload, signReceipt } from "../../src/evidence/receipt.ts";
import { STATUS_EXPORT_COLUMNS } from "../../src/hr/statusExport.ts";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { acknowledgement, dataDir } from "../support/records.ts";
import { unpacked } from "../support/unpacked.ts";
import { SHIPPED_VERSION } from "../support/shipped.ts";

function run(script: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
  const done = spawnSync(process.execPath, [path.resolve(script), ...args], {
    env: { ...process.env, ...env },
    cwd,
    encoding: "utf8",
  });
  return { status: done.status, output: done.stdout + done.stderr };
}

const SENT_REMINDER = [
  '{"type":"claim","key":"due:e-1009:1.0.0","claim":"c-1","at":"2026-02-01T09:00:00.000Z","kind":"due","to":"learner9@kestrel.example","employeeId":"e-1009"}',
  '{"type":"sent","key":"due:e-1009:1.0.0","claim":"c-1","at":"2026-02-01T09:00:01.000Z","messageId":"<m-1@kestrel.example>","subject":"Your AUP course is due"}',
];

/** A data folder as a server leaves it: five records, a roster of three (one without a record), a receipt. */
async function seededStore() {
  const dir = dataDir();
  const store = await openRecordsStore(dir);
  for (let n = 1; n <= 5; n++) await store.acknowledge(acknowledgement(n));
  await store.importRoster(
    [1, 2, 9].map((n) => ({
      id: `e-${1000 + n}`,
      name: `Learner ${n}`,
      email: `learner${n}@kestrel.example`,
      department: n === 9 ? "Legal" : "Ops",
      startDate: "2026-01-01",
      manager: "",
    })),
  );
  // A reminder the scheduler claimed and sent: the pack shows who was chased.
  const sends = await store.sendsLines();
  for (const line of SENT_REMINDER) await sends.append(line);
  await sends.close();
  const evidence = await store.evidence(2);
  if (!evidence) throw new Error("record 2 has no evidence");
  const receipt = await signReceipt(
    receiptPayload(
      evidence.line,
      { index: 1, size: evidence.checkpoint.size, hashes: evidence.proof },
      evidence.checkpoint.note,
    ),
    store.keys.current,
  );
  await store.close();
  return { dir, receipt };
}

describe("npm run evidence", () => {
  it("writes a pack that checks out end to end with the pack alone", async () => {
    const { dir, receipt } = await seededStore();
    const zip = path.join(mkdtempSync(path.join(tmpdir(), "aup-out-")), "evidence.zip");
    const made = run("scripts/evidence.ts", ["--out", zip], { AUP_DATA_DIR: dir });
    expect(made.output).toMatch(/evidence\.zip: 5 records, the status of 3 employees, 11 files/);
    expect(made.status).toBe(0);

    const pack = unpacked(zip);
    const nowhere = { AUP_DATA_DIR: dataDir() }; // an empty data folder: only the pack is used
    // 1. Standard tools: every file is what SHA256SUMS says.
    const sums = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: pack, encoding: "utf8" });
    expect(sums.stdout.match(/: OK$/gm)).toHaveLength(10);
    expect(sums.status).toBe(0);
    // 2. The policy text hashes to the hash every record acknowledges.
    const lines = readFileSync(path.join(pack, "records/acknowledgements.jsonl"), "utf8").split("\n").filter(Boolean);
    const policyHash = createHash("sha256")
      .update(readFileSync(path.join(pack, `policy/${SHIPPED_VERSION}.txt`)))
      .digest("hex");
    expect(lines.map((line) => (JSON.parse(line) as { policy: { hash: string } }).policy.hash)).toEqual(
      Array(5).fill(policyHash),
    );
    expect(readFileSync(path.join(pack, "policy/versions.csv"), "utf8")).toContain(
      `${SHIPPED_VERSION},${policyHash},policy/${SHIPPED_VERSION}.txt`,
    );
    // 3. The records are the tree the checkpoint signed, checked with the pack's keys.
    const files = [
      "--journal",
      "records/acknowledgements.jsonl",
      "--checkpoint",
      "checkpoint.txt",
      "--jwks",
      "jwks.json",
    ];
    const verified = run("scripts/verify.ts", files, nowhere, pack);
    expect(verified.output).toMatch(/first 5 records are exactly the tree the checkpoint signed/);
    expect(verified.status).toBe(0);
    // 4. A learner's receipt checks against the pack's keys.
    writeFileSync(path.join(pack, "receipt.jws"), receipt);
    const checked = run("scripts/verifyReceipt.ts", ["receipt.jws", "--jwks", "jwks.json"], nowhere, pack);
    expect(checked.output).toMatch(/verifies/);
    expect(checked.status).toBe(0);
    // The CSV and the status report hold what HR would show.
    expect(readFileSync(path.join(pack, "records/acknowledgements.csv"), "utf8").trim().split("\r\n")).toHaveLength(6);
    const status = readFileSync(path.join(pack, "roster/status.csv"), "utf8").trim().split("\r\n");
    expect(status).toHaveLength(4);
    expect(status[0]).toBe(STATUS_EXPORT_COLUMNS.join(",")); // the dashboard's status export, flags included
    expect(status.find((row) => row.startsWith("e-1009,"))).toMatch(/,overdue,|,due,/);
    const unmatched = readFileSync(path.join(pack, "roster/unmatched.csv"), "utf8").trim().split("\r\n");
    expect(unmatched.slice(1).map((row) => row.split(",")[0])).toEqual(["e-1003", "e-1004", "e-1005"]);
    expect(readFileSync(path.join(pack, "README.md"), "utf8")).toMatch(/sha256sum -c SHA256SUMS/);
    expect(readFileSync(path.join(pack, "reminders/sends.jsonl"), "utf8")).toBe(`${SENT_REMINDER.join("\n")}\n`);

    // A record changed in the unpacked copy is caught by the same checks.
    writeFileSync(
      path.join(pack, "records/acknowledgements.jsonl"),
      lines.map((l) => l.replace("Learner 3", "Learner Z")).join("\n") + "\n",
    );
    expect(spawnSync("sha256sum", ["-c", "--quiet", "SHA256SUMS"], { cwd: pack }).status).toBe(1);
    expect(run("scripts/verify.ts", files, nowhere, pack).status).toBe(1);
  });

  it("says what is wrong with its flags or the data folder, leaving no file behind", () => {
    expectRun(run("scripts/evidence.ts", [], { AUP_DATA_DIR: dataDir() }), 2, "output", /--out is required/);
    expectRun(run("scripts/evidence.ts", ["--out", "pack.tar"], {}), 2, "output", /ending in \.zip/);
    const out = path.join(dataDir(), "pack.zip");
    expectRun(
      run("scripts/evidence.ts", ["--out", out], { AUP_DATA_DIR: dataDir() }),
      1,
      "output",
      /nothing has been acknowledged/,
    );
  });
});

/** A command's exit status, and that its output (or one stream of it) says what it should. */
function expectRun(done: Record<string, string | number | null>, status: number, field: string, says: RegExp): void {
  expect(done[field]).toMatch(says);
  expect(done.status).toBe(status);
}
