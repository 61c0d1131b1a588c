/** One row of the HR roster. */
export interface Employee {
  id: string;
  name: string;
  email: string;
  department: string;
  /** YYYY-MM-DD. */
  startDate: string;
  manager: string;
}
