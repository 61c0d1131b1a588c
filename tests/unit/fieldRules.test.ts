import { describe, expect, it } from "vitest";
import {
  CLAUSE_ID,
  hasControlCharacters,
  isCalendarDate,
  isClausePrefix,
  isEmail,
  isWorkEmail,
} from "../../src/lib/fieldRules.ts";
import { calendarDate, email, firstProblem, text } from "../../src/schemas/fields.ts";

describe("field rules", () => {
  it("takes only real calendar dates written YYYY-MM-DD", () => {
    for (const date of ["2026-01-05", "2028-02-29", "1999-12-31"]) expect(isCalendarDate(date), date).toBe(true);
    for (const date of ["2026-02-30", "2026-13-01", "2027-02-29", "2026-00-10", "2026-1-5", "05/01/2026", ""])
      expect(isCalendarDate(date), date).toBe(false);
  });

  it("takes work email addresses and nothing else", () => {
    for (const address of ["ada@example.com", "a.b+tag@mail.kestrel.example", "O'Neil@example.co.uk", "ada@corp"])
      expect(isEmail(address), address).toBe(true);
    for (const address of [
      "ada",
      "ada@",
      "@example.com",
      "ada@example.",
      "ada@.example",
      "a@b@c.d",
      "ada @example.com",
      "!@!",
      "{y<]@;i,",
      "ada@-x.example",
    ])
      expect(isEmail(address), address).toBe(false);
    expect(isEmail(`${"a".repeat(250)}@example.com`)).toBe(false);
  });

  it("wants a full domain in an address a person types for themselves, and takes a directory's as it is", () => {
    expect(isEmail("ada@kestrel")).toBe(true);
    for (const address of ["ada@kestrel", "ada@corp", "ada", "ada@kestrel.", "first.last@kestrel"])
      expect(isWorkEmail(address), address).toBe(false);
    for (const address of ["ada@kestrel.example", "a.b+tag@mail.kestrel.example", "O'Neil@example.co.uk"])
      expect(isWorkEmail(address), address).toBe(true);
  });

  it("knows clause ids and control characters", () => {
    expect(["3.4", "FIN.2", "10.12"].every((id) => CLAUSE_ID.test(id))).toBe(true);
    expect(["3", "3.", "fin.2", "FINANCE.2", "3.4a"].some((id) => CLAUSE_ID.test(id))).toBe(false);
    // An addendum's prefix is what its clause ids start with: letters, never a section number.
    expect(["FIN", "HC", "LEGL"].every(isClausePrefix)).toBe(true);
    expect(["3", "F", "FINAN", "fin", "FIN.2", "FIN.1", ""].some(isClausePrefix)).toBe(false);
    expect(["a\tb", "a\nb", "a\u0000b", "a\u007fb"].every(hasControlCharacters)).toBe(true);
    expect(hasControlCharacters("Zoë O'Neil – Ltd")).toBe(false);
  });

  it("builds zod fields whose messages say what to write", () => {
    expect(firstProblem(text("a name").safeParse("  "))).toBe("is empty. Write a name.");
    expect(firstProblem(text("a name").safeParse(undefined))).toBe("is missing. Write a name.");
    expect(firstProblem(text("a name", { max: 3 }).safeParse("Ada L"))).toBe(
      "is longer than 3 characters. Shorten it.",
    );
    expect(firstProblem(text("a name", { singleLine: true }).safeParse("Ada\nL"))).toMatch(/control characters/);
    expect(firstProblem(email("your email").safeParse("ada@example."))).toBe(
      'is not an email address ("ada@example."). Write your email.',
    );
    expect(firstProblem(calendarDate("a day").safeParse("2026-02-30"))).toBe(
      "2026-02-30 is not a real date (February 2026 has 28 days). Write a day.",
    );
    expect(firstProblem(calendarDate("a day").safeParse("2026-02-28"))).toBeUndefined();
  });
});
