import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { loadedFiles } from "../../src/budgets/pageWeight.ts";
import {
  checkPages,
  COURSE_PAGE_BUDGET,
  COURSE_TOTAL_BUDGET,
  COURSE_WIRE_BUDGET,
} from "../../src/budgets/sizeBudgets.ts";
import { rawRequest } from "../support/rawHttp.ts";

const baseUrl = inject("baseUrl");
const client = path.resolve("dist/client");

describe("the size budgets of the real build", () => {
  it("holds the course and refresher pages within all three budgets", () => {
    const checks = checkPages(client);
    expect(checks.flatMap((check) => (check.problem ? [check.problem] : []))).toEqual([]);
    const course = checks.filter((check) => check.isCourse);
    expect(course.map((check) => check.page)).toEqual(["course/index.html", "refresher/index.html"]);
    for (const { page, jsGzip, cssGzip, laterJsGzip, wireBrotli } of course) {
      expect(jsGzip + cssGzip, page).toBeLessThanOrEqual(COURSE_PAGE_BUDGET);
      expect(jsGzip + cssGzip + laterJsGzip, page).toBeLessThanOrEqual(COURSE_TOTAL_BUDGET);
      expect(wireBrotli, page).toBeLessThanOrEqual(COURSE_WIRE_BUDGET);
    }
  });

  it("weighs the wire as the server sends it: the course page's HTML, scripts and styles in brotli", async () => {
    const [course] = checkPages(client).filter((check) => check.page === "course/index.html");
    const { scriptFiles, stylesheets } = loadedFiles(client, "course/index.html");
    const urls = ["/course/", ...[...scriptFiles, ...stylesheets].map((file) => `/${path.relative(client, file)}`)];
    let served = 0;
    for (const url of urls) {
      const answer = await rawRequest(`${baseUrl}${url}`, { "accept-encoding": "br, gzip" });
      expect(answer.status, url).toBe(200);
      served += answer.body.length;
    }
    expect(served).toBe(course?.wireBrotli);
  });
});
