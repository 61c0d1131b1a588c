import { EmployeeSchema, type Employee } from "../schemas/employee.ts";

export interface RosterChange {
  added: number;
  updated: number;
  unchanged: number;
}

const FIELDS = EmployeeSchema.keyof().options;

/**
 * Merges imported employees into `roster` (in place) by id: re-importing updates, never
 * duplicates. Employees are compared field by field, so the order their keys were built in does not
 * make an unchanged employee count as updated.
 */
export function mergeRoster(roster: Employee[], imported: readonly Employee[]): RosterChange {
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
  return change;
}
