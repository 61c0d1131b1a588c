/** Calendar quarters ("2026-Q4"), in UTC: refreshers are due per quarter and quizzes rotate with them. */

export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** A quarter as a running number, so that quarters can be counted and compared. */
export function quarterIndex(quarter: string): number {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) throw new Error(`"${quarter}" is not a quarter. Write it as 2026-Q4.`);
  return Number(match[1]) * 4 + Number(match[2]) - 1;
}

export function quarterName(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

export function previousQuarter(quarter: string): string {
  return quarterName(quarterIndex(quarter) - 1);
}

/** The last day of a quarter, YYYY-MM-DD. */
export function quarterEnd(quarter: string): string {
  const index = quarterIndex(quarter);
  return new Date(Date.UTC(Math.floor(index / 4), (index % 4) * 3 + 3, 0)).toISOString().slice(0, 10);
}

/** When a quarter begins, as an ISO timestamp (UTC) that record times compare with as text. */
export function quarterStart(quarter: string): string {
  const index = quarterIndex(quarter);
  return new Date(Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1)).toISOString();
}
