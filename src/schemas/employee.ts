import { z } from "zod";
import { isCalendarDate } from "../lib/fieldRules.ts";

/**
 * One row of the HR roster, as the store keeps it (`state.json`). Mostly its shape: what a good
 * value is (an email address, say) is checked where rows come in, by the roster import.
 */
export const EmployeeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  department: z.string(),
  /** A real calendar date, YYYY-MM-DD (the rule the roster import applies, so a hand-edited file cannot slip past it). */
  startDate: z.string().refine(isCalendarDate, { error: "must be a real date written YYYY-MM-DD" }),
  manager: z.string(),
});

export type Employee = z.output<typeof EmployeeSchema>;
