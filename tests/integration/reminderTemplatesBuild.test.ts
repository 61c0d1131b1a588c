import { describe, expect, it } from "vitest";
import { runBuild } from "../support/build.ts";
import { copyContent, editFile, emptyFolder } from "../support/contentFixture.ts";

describe("production build check of the email templates", () => {
  it("fails on an unknown placeholder, naming the file and the line", () => {
    const dir = copyContent();
    editFile(dir, "emails/overdue.md", (text) =>
      text.replace("Hello {{employee.name}},", "Hello {{employee.fullName}},"),
    );
    const build = runBuild({ AUP_CONTENT_DIR: dir }, ["--outDir", emptyFolder("build")]);
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(
      `${dir}/emails/overdue.md: line 5 uses the unknown placeholder {{employee.fullName}}. Use a field of organisation.yaml`,
    );
    expect(build.output).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // a content mistake, not a crash
  });
});
