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
  /** Where escalations go when the employee is long overdue (the roster's `manager email`). */
  managerEmail: z.string().optional(),
  /** On leave: reminders and escalations wait until they are back (the roster's `on leave`). */
  onLeave: z.boolean().optional(),
});

export type Employee = z.output<typeof EmployeeSchema>;
