import { describe, expect, it } from "vitest";
import { businessDaysBetween, dateIn, latestWeekday, weekdayOf } from "../../src/reminders/businessDays.ts";
import type { Weekday } from "../../src/schemas/reminders.ts";

const WEEK: Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday"];

describe("business days", () => {
  it("count the business days after one date up to another, skipping the days off", () => {
    expect(businessDaysBetween("2026-02-16", "2026-02-17", WEEK)).toBe(1); // Monday to Tuesday
    expect(businessDaysBetween("2026-02-13", "2026-02-16", WEEK)).toBe(1); // Friday to Monday
    expect(businessDaysBetween("2026-02-16", "2026-03-02", WEEK)).toBe(10);
    expect(businessDaysBetween("2026-01-19", "2026-02-17", WEEK)).toBe(21);
    expect(businessDaysBetween("2026-02-17", "2026-02-17", WEEK)).toBe(0);
    expect(businessDaysBetween("2026-02-18", "2026-02-17", WEEK)).toBe(0);
    // A Sunday-to-Thursday week (the Gulf states, Israel).
    expect(
      businessDaysBetween("2026-02-12", "2026-02-15", ["sunday", "monday", "tuesday", "wednesday", "thursday"]),
    ).toBe(1);
  });

  it("take today's date in the organisation's time zone", () => {
    const lateMonday = new Date("2026-02-16T23:30:00Z");
    expect(dateIn(lateMonday, "Europe/London")).toBe("2026-02-16");
    expect(dateIn(lateMonday, "Asia/Tokyo")).toBe("2026-02-17");
    expect(dateIn(new Date("2026-02-17T03:00:00Z"), "America/New_York")).toBe("2026-02-16");
    expect(weekdayOf("2026-02-17")).toBe("tuesday");
    expect(latestWeekday("2026-02-22", "monday")).toBe("2026-02-16"); // Sunday: the week began last Monday
    expect(latestWeekday("2026-02-23", "monday")).toBe("2026-02-23");
  });
});
