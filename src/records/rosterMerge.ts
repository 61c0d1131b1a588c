import { EmployeeSchema, type Employee } from "../schemas/employee.ts";

export interface RosterChange {
  added: number;
  updated: number;
  unchanged: number;
  /** With a full sync only: employees missing from the file, marked left now. */
  left?: number;
}

/** A full sync: the file is the whole roster, and whoever is missing from it has left (on `today`). */
export interface RosterSync {
  today: string;
}

const FIELDS = EmployeeSchema.keyof().options;

/**
 * Merges imported employees into `roster` (in place) by id: re-importing updates, never
 * duplicates. Employees are compared field by field, so the order their keys were built in does not
 * make an unchanged employee count as updated. An imported employee carries no leaving date, so
 * importing a leaver again brings them back. With `sync`, employees missing from `imported` are
 * marked left (kept, with their records).
 */
export function mergeRoster(roster: Employee[], imported: readonly Employee[], sync?: RosterSync): RosterChange {
  const change: RosterChange = { added: 0, updated: 0, unchanged: 0 };
  const byId = new Map(roster.map((employee, index) => [employee.id, index]));
  for (const employee of imported) {
    const at = byId.get(employee.id);
    const existing = at === undefined ? undefined : roster[at];
    if (at === undefined || !existing) {
      byId.set(employee.id, roster.push(employee) - 1);
      change.added++;
    } else if (FIELDS.every((field) => existing[field] === employee[field])) change.unchanged++;
    else {
      roster[at] = employee;
      change.updated++;
    }
  }
  if (sync) {
    const inFile = new Set(imported.map((e) => e.id));
    change.left = 0;
    roster.forEach((employee, at) => {
      if (inFile.has(employee.id) || employee.leftOn) return;
      roster[at] = { ...employee, leftOn: sync.today };
      (change.left as number)++;
    });
  }
  return change;
}

/** Marks one employee as left on `leftOn`, or back (undefined); the employee as now, or undefined when no one has `id`. */
export function markLeaver(roster: Employee[], id: string, leftOn: string | undefined): Employee | undefined {
  const at = roster.findIndex((e) => e.id === id);
  const existing = roster[at];
  if (!existing) return undefined;
  const back = { ...existing };
  delete back.leftOn; // absent, not undefined: an employee back is field for field what an import makes
  roster[at] = leftOn ? { ...back, leftOn } : back;
  return roster[at];
}
