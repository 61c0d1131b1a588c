import { describe, expect, it } from "vitest";
import { refresherDue } from "../../src/course/refresherDue.ts";

describe("the refresher's ending", () => {
  it("names the quarter done and the first day the next is due, with the year only when it changes", () => {
    expect(refresherDue(new Date("2027-02-10T09:00:00Z"))).toEqual({ quarter: "Q1 2027", next: "1 April" });
    expect(refresherDue(new Date("2027-03-31T23:59:59Z"))).toEqual({ quarter: "Q1 2027", next: "1 April" });
    expect(refresherDue(new Date("2027-04-01T00:00:00Z"))).toEqual({ quarter: "Q2 2027", next: "1 July" });
    expect(refresherDue(new Date("2027-11-30T12:00:00Z"))).toEqual({ quarter: "Q4 2027", next: "1 January 2028" });
  });
});
