import { quarterIndex, quarterName, quarterOf, quarterStart } from "../lib/quarters.ts";

export interface RefresherDue {
  /** The quarter the refresher was taken in, as a learner reads it: "Q1 2027". */
  quarter: string;
  /** When the next one is due from: "1 April", with the year when it is another ("1 January 2028"). */
  next: string;
}

/** What the refresher's ending says: whose quarter is done, and from when the next is due (quarters in UTC, as the quiz's). */
export function refresherDue(at: Date): RefresherDue {
  const quarter = quarterOf(at);
  const next = new Date(quarterStart(quarterName(quarterIndex(quarter) + 1)));
  const [year, number] = quarter.split("-Q");
  const sameYear = next.getUTCFullYear() === at.getUTCFullYear();
  return {
    quarter: `Q${number} ${year}`,
    next: next.toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      ...(sameYear ? {} : { year: "numeric" }),
      timeZone: "UTC",
    }),
  };
}
