import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { post, validBody } from "../../scripts/harness/acknowledgementBody.ts";
import { startServer, type RunningServer } from "../../scripts/harness/server.ts";
import { STATUS_EXPORT_COLUMNS } from "../../src/hr/statusExport.ts";
import { dataDir } from "../support/records.ts";

const TOKEN = "hr-status-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };
const HEADER = "id,name,email,department,start date,manager";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server of its own: a full sync marks everyone else left, which would change what other tests see. */
async function serve(): Promise<RunningServer> {
  const server = await startServer({ AUP_DATA_DIR: dataDir(), AUP_ADMIN_TOKEN: TOKEN });
  cleanups.push(() => server.stop());
  return server;
}

const importRoster = (server: RunningServer, csv: string, query = "") =>
  fetch(`${server.url}/api/admin/roster${query}`, {
    method: "POST",
    headers: { ...auth, "content-type": "text/csv" },
    body: csv,
  });

async function statusCsv(server: RunningServer, query: string) {
  const answer = await fetch(`${server.url}/api/admin/export?what=status&format=csv&${query}`, { headers: auth });
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-disposition")).toMatch(/^attachment; filename="status-\d{4}-\d{2}-\d{2}\.csv"$/);
  const rows: Record<string, string>[] = parse(await answer.text(), { bom: true, columns: true });
  return rows;
}

describe("the status export and the roster sync over HTTP", () => {
  it("exports every roster employee's status, neutralised, filtered as the dashboard filters", async () => {
    const server = await serve();
    expect((await post(server.url, validBody("status001", "Ada Lovelace"))).status).toBe(201);
    const roster = [
      HEADER,
      "E-status001,Ada Lovelace,status001@kestrel.example,Risk,2026-01-05,Grace",
      'E-evil,"=HYPERLINK(""http://x"",""y"")",evil@kestrel.example,+Sales,2020-01-01,@boss',
    ].join("\n");
    expect((await importRoster(server, roster)).status).toBe(200);

    const everyone = await statusCsv(server, "bom=1");
    expect(Object.keys(everyone[0] ?? {})).toEqual([...STATUS_EXPORT_COLUMNS]);
    expect(everyone).toEqual([
      expect.objectContaining({
        employee_id: "E-status001",
        status: "complete",
        last_record_id: "ack-000001",
        last_mode: "onboarding",
        attempts: "1",
        flags: "self-asserted",
      }),
      expect.objectContaining({
        employee_id: "E-evil",
        name: `'=HYPERLINK("http://x","y")`,
        department: "'+Sales",
        manager: "'@boss",
        status: "overdue",
        days_overdue: expect.stringMatching(/^[1-9]\d*$/) as string,
      }),
    ]);
    expect((await statusCsv(server, "department=Risk")).map((r) => r.employee_id)).toEqual(["E-status001"]);
    expect((await statusCsv(server, "status=overdue")).map((r) => r.employee_id)).toEqual(["E-evil"]);
    expect((await statusCsv(server, "q=LOVELACE")).map((r) => r.employee_id)).toEqual(["E-status001"]);

    const json = await fetch(`${server.url}/api/admin/export?what=status&format=json`, { headers: auth });
    expect(((await json.json()) as { name: string }[]).map((r) => r.name)).toEqual([
      "Ada Lovelace",
      '=HYPERLINK("http://x","y")',
    ]);
    for (const [query, error] of [
      [
        "what=people",
        'what must be records (the acknowledgements) or status (every roster employee\'s), not "people".',
      ],
      ["what=status&status=late", 'status must be one of complete, due, update-due, overdue, left, not "late".'],
    ])
      expect(await (await fetch(`${server.url}/api/admin/export?${query}`, { headers: auth })).json()).toEqual({
        error,
      });
    expect((await fetch(`${server.url}/api/admin/export?what=status&format=csv`)).status).toBe(401);

    // The records CSV names the roster employee a record counts for beside what was typed, and the chain.
    const records: Record<string, string>[] = parse(
      await (await fetch(`${server.url}/api/admin/export?format=csv`, { headers: auth })).text(),
      { columns: true },
    );
    expect(records[0]).toMatchObject({
      employee_id: "E-status001",
      roster_employee_id: "E-status001",
      roster_department: "Risk",
      prev_hash: "0".repeat(64),
    });
  });

  it("syncs the roster with ?sync=1, marking the missing as left, reversed by importing them again", async () => {
    const server = await serve();
    const ada = "E-1,Ada,ada@kestrel.example,Risk,2026-01-05,";
    const alan = "E-2,Alan,alan@kestrel.example,Eng,2026-01-05,";
    expect(await (await importRoster(server, `${HEADER}\n${ada}\n${alan}\n`)).json()).toEqual({
      added: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await (await importRoster(server, `${HEADER}\n${ada}\n`, "?sync=1")).json()).toEqual({
      added: 0,
      updated: 0,
      unchanged: 1,
      left: 1,
    });
    expect((await statusCsv(server, "")).map((r) => `${r.employee_id}:${r.status}`)).toEqual([
      "E-1:overdue",
      "E-2:left",
    ]);
    expect((await statusCsv(server, "status=left")).map((r) => r.employee_id)).toEqual(["E-2"]);
    expect(await (await importRoster(server, `${HEADER}\n${alan}\n`)).json()).toEqual({
      added: 0,
      updated: 1,
      unchanged: 0,
    });
    expect((await statusCsv(server, "")).map((r) => `${r.employee_id}:${r.status}`)).toEqual([
      "E-1:overdue",
      "E-2:overdue",
    ]);
    const wrong = await importRoster(server, `${HEADER}\n${ada}\n`, "?sync=yes");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({
      error: 'sync must be 1 (a full sync: employees missing from the file have left) or 0, not "yes".',
    });
    expect((await statusCsv(server, "")).map((r) => r.status)).toEqual(["overdue", "overdue"]); // nothing changed
  });

  it("explains a semicolon file with a broken quote and an impossible date, every problem at once", async () => {
    const server = await serve();
    const answer = await importRoster(
      server,
      'id;name;email;department;start date\nE-1;"Ada;ada@kestrel.example;Risk;2026-01-05\nE-2;Alan;alan@kestrel.example;Eng;2026-13-01\n',
    );
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: "Nothing was imported: 2 problems. The file was read as 5 columns separated by semicolons.",
      header: ["id", "name", "email", "department", "start date"],
      problems: [
        "row 2: a quote opened in cell 2 is never closed. Close it, or remove the stray quote, and import again.",
        "row 3, column start date: 2026-13-01 is not a real date (there is no month 13). Write the first working day as YYYY-MM-DD, e.g. 2026-02-01.",
      ],
    });
  });

  it("shows on the dashboard's import page the header it read beside the header it wants", async () => {
    const server = await serve();
    const form = new FormData();
    form.set("roster", new Blob(["Employee;Mail;Team\nE-1;ada@kestrel.example;Risk\n"], { type: "text/csv" }), "r.csv");
    const answer = await fetch(`${server.url}/admin/roster`, {
      method: "POST",
      body: form,
      headers: { ...auth, origin: server.url },
    });
    expect(answer.status).toBe(400);
    const page = await answer.text();
    expect(page).toContain(
      "Nothing was imported: 1 problem. The file was read as 3 columns separated by semicolons. Fix it in the file and import it again:",
    );
    expect(page).toMatch(/The header read<\/dt>\s*<dd>\s*<code>Employee \| Mail \| Team<\/code>/);
    expect(page).toMatch(
      /The header wanted<\/dt>\s*<dd>\s*<code>id \| name \| email \| department \| start date<\/code>/,
    );
    expect(page).toContain("row 1: the header lacks id, name, email, start date.");
  });

  it("points an empty dashboard to the roster import, in whole words", async () => {
    const server = await serve();
    const page = await (await fetch(`${server.url}/admin`, { headers: auth })).text();
    expect(page).toContain('No roster yet, so there is no one to show. <a href="#roster-title">Import the roster</a>');
    expect(page).toMatch(/0 acknowledgements recorded; 0 employees shown\./);
    expect(page).not.toContain("(s)");
    expect((await post(server.url, validBody("onlyone1", "Ada Lovelace"))).status).toBe(201);
    await importRoster(server, `${HEADER}\nE-onlyone1,Ada Lovelace,onlyone1@kestrel.example,Risk,2026-01-05,\n`);
    const filled = await (await fetch(`${server.url}/admin`, { headers: auth })).text();
    expect(filled).toMatch(/1 acknowledgement recorded; 1 employee shown\./);
    expect(filled).not.toContain("No roster yet");
  });

  it("marks single leavers from the dashboard's form, and says what is wrong with a form it cannot use", async () => {
    const server = await serve();
    await importRoster(server, `${HEADER}\nE-1,Ada,ada@kestrel.example,Risk,2026-01-05,\n`);
    const leave = (form: Record<string, string>) =>
      fetch(`${server.url}/admin/leaver`, {
        method: "POST",
        redirect: "manual",
        headers: { ...auth, origin: server.url },
        body: new URLSearchParams(form),
      });
    const notice = (answer: Response) =>
      new URL(answer.headers.get("location") ?? "", server.url).searchParams.get("notice");
    const left = await leave({ id: "E-1", left: "1" });
    expect(left.status).toBe(303);
    expect(notice(left)).toMatch(
      /^Ada \(E-1\) is marked as left on \d{4}-\d{2}-\d{2}: out of the figures and reminders/,
    );
    expect((await statusCsv(server, "")).map((r) => r.status)).toEqual(["left"]);
    expect(notice(await leave({ id: "E-9", left: "1" }))).toBe(
      "Nothing was changed: no one on the roster has the id E-9. Import the roster again.",
    );
    expect(notice(await leave({ id: "E-1" }))).toMatch(/^Nothing was changed: the form did not say/);
    expect(notice(await leave({ id: "E-1", left: "0" }))).toBe("Ada (E-1) is back on the roster.");
    expect((await statusCsv(server, "")).map((r) => r.status)).toEqual(["overdue"]);
  });
});
