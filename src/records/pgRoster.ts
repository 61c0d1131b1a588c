import type pg from "pg";
import { z } from "zod";
import { EmployeeSchema, type Employee } from "../schemas/employee.ts";
import { databaseFailure } from "./pgFailure.ts";
import { StateSchema, type State } from "./stateFile.ts";
import { checkStoredShape } from "./storedShape.ts";
import { StoreError } from "./storeError.ts";

/** Told to every server when the roster changes, so that each reads it again. */
export const ROSTER_CHANNEL = "aup_roster";

const Employees = z.array(EmployeeSchema);
const EMPTY = JSON.stringify({ roster: [] } satisfies State);

/** The roster as saved in the state table (the state.json of the embedded store, in one row). */
export async function loadRoster(db: pg.Pool | pg.ClientBase, where: string, lock = false): Promise<Employee[]> {
  const { rows } = await db.query<{ data: string }>(`SELECT data FROM state WHERE id = 1${lock ? " FOR UPDATE" : ""}`);
  return parseState(rows[0]?.data ?? EMPTY, where).roster;
}

function parseState(data: string, where: string): State {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw damaged(where, `is not valid JSON (${(error as Error).message})`);
  }
  const checked = checkStoredShape(StateSchema, value);
  if (!checked.ok) throw damaged(where, `is not the saved roster in the shape this version saves: ${checked.problems}`);
  return value as State;
}

function damaged(where: string, problem: string): StoreError {
  return new StoreError(
    "damaged",
    `The state row of ${where} ${problem}. It was left untouched: correct it or restore it from a backup, then start again.`,
  );
}

/**
 * Runs `change` on the saved roster (in place) and saves it, all or none, in one transaction that
 * locks the row: changes from several servers apply one after the other, each to the roster the last
 * one saved. `instance` names this server in the notification the others reload the roster on.
 */
export async function changeRoster<T>(
  pool: pg.Pool,
  where: string,
  change: (roster: Employee[]) => T,
  instance: string,
): Promise<{ roster: Employee[]; outcome: T }> {
  const client = await pool.connect().catch((error: unknown) => {
    throw failure(error, where);
  });
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query("INSERT INTO state (id, data) VALUES (1, $1) ON CONFLICT (id) DO NOTHING", [EMPTY]);
    const roster = await loadRoster(client, where, true);
    const outcome = change(roster);
    // Parsed on the way out as on the way in: the store never saves a roster it would refuse to read.
    Employees.parse(roster);
    await client.query("UPDATE state SET data = $1 WHERE id = 1", [JSON.stringify({ roster } satisfies State)]);
    await client.query("SELECT pg_notify($1, $2)", [ROSTER_CHANNEL, instance]);
    await client.query("COMMIT");
    return { roster, outcome };
  } catch (error) {
    broken = error as Error;
    await client.query("ROLLBACK").catch(() => undefined);
    throw failure(error, where);
  } finally {
    client.release(broken);
  }
}

const failure = (error: unknown, where: string) =>
  databaseFailure(
    error,
    `The roster could not be saved: ${where} refused it or did not answer`,
    "The roster is unchanged; import it again in a moment.",
  );
