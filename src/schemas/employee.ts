import { z } from "zod";
import { isCalendarDate } from "../lib/fieldRules.ts";

/**
 * One row of the HR roster, as the store keeps it (`state.json`). Its values were checked by the
 * roster import (the shared rules of src/lib/fieldRules.ts); read back, the email is held to its
 * shape only, since a roster saved by an earlier release under a looser email rule must still load
 * (refusing it would stop the server). The start date is checked again: every release applied that rule.
 */
export const EmployeeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  department: z.string(),
  /** A real calendar date, YYYY-MM-DD (the rule the roster import applies). */
  startDate: z.string().refine(isCalendarDate, { error: "must be a real date written YYYY-MM-DD" }),
  manager: z.string(),
  /** The manager's email, for reminders that escalate; absent when the roster does not give one. */
  managerEmail: z.string().optional(),
  /** On leave: reminders leave them alone. Absent means not on leave. */
  onLeave: z.boolean().optional(),
  /**
   * The day HR marked them as having left (YYYY-MM-DD): kept with their records, out of the status
   * and the reminders. Importing them again clears it.
   */
  leftOn: z.string().refine(isCalendarDate, { error: "must be a real date written YYYY-MM-DD" }).optional(),
});

export type Employee = z.output<typeof EmployeeSchema>;
