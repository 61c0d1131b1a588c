import { z } from "zod";
import { isCalendarDate, isEmail } from "../lib/fieldRules.ts";

/**
 * One row of the HR roster, as the store keeps it (`state.json`): its shape, and the roster import's
 * rules for the values it keys on (the shared rules of src/lib/fieldRules.ts), so that a hand-edited
 * file cannot slip past them. The import says what to write in each field; this names what is wrong.
 */
export const EmployeeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** A work email address, by the rule the roster import applies (and keys learners on). */
  email: z.string().refine(isEmail, {
    error: (issue) => `must be an email address such as ada@yourcompany.com, not ${JSON.stringify(issue.input)}`,
  }),
  department: z.string(),
  /** A real calendar date, YYYY-MM-DD (the rule the roster import applies). */
  startDate: z.string().refine(isCalendarDate, { error: "must be a real date written YYYY-MM-DD" }),
  manager: z.string(),
});

export type Employee = z.output<typeof EmployeeSchema>;
