import { z } from "zod";

/**
 * One row of the HR roster, as the store keeps it (`state.json`). This is its shape only: what a
 * good value is (an email address, a real date) is checked where rows come in, by the roster import.
 */
export const EmployeeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  department: z.string(),
  /** YYYY-MM-DD. */
  startDate: z.string(),
  manager: z.string(),
});

export type Employee = z.output<typeof EmployeeSchema>;
