import { WEEKDAYS, type Weekday } from "../schemas/reminders.ts";

/** The calendar date (YYYY-MM-DD) at `instant` in the time zone `zone`. */
export function dateIn(instant: Date, zone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
}

/** The weekday of a calendar date (YYYY-MM-DD). */
export function weekdayOf(date: string): Weekday {
  // getUTCDay counts from Sunday; WEEKDAYS from Monday.
  return WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] as Weekday;
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Business days after `from` up to and including `to` (0 when `to` is not after `from`): the
 * business days left before a due date, or gone since it.
 */
export function businessDaysBetween(from: string, to: string, businessDays: readonly Weekday[]): number {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let count = weeks * businessDays.length;
  for (let d = weeks * 7 + 1; d <= days; d++) if (businessDays.includes(weekdayOf(addCalendarDays(from, d)))) count++;
  return count;
}

/** The latest `weekday` on or before `date`: the start of the digest week `date` is in. */
export function latestWeekday(date: string, weekday: Weekday): string {
  const back = (WEEKDAYS.indexOf(weekdayOf(date)) - WEEKDAYS.indexOf(weekday) + 7) % 7;
  return addCalendarDays(date, -back);
}
