import { describe, expect, it } from "vitest";
import { onlyPart, withSection } from "../../scripts/bench/onlyPart.ts";

const FILE =
  "# Benchmarks\n\nHeader.\n\n## Scale\n\nscale figures\n\n## Page loads\n\nold figures\n\n## Page weight\n\nweights\n";

describe("npm run bench -- --only", () => {
  it("replaces only its own section, leaving the others as the last full run wrote them", () => {
    expect(withSection(FILE, "## Page loads", "## Page weight", "## Page loads\n\nnew figures")).toBe(
      "# Benchmarks\n\nHeader.\n\n## Scale\n\nscale figures\n\n## Page loads\n\nnew figures\n\n## Page weight\n\nweights\n",
    );
  });

  it("puts its section before the one it precedes when the file has none yet, or at the end", () => {
    const without = FILE.replace("## Page loads\n\nold figures\n\n", "");
    expect(withSection(without, "## Page loads", "## Page weight", "## Page loads\n\nnew")).toBe(
      FILE.replace("old figures", "new"),
    );
    expect(withSection("# Benchmarks\n", "## Page loads", "## Page weight", "## Page loads\n\nnew")).toBe(
      "# Benchmarks\n\n## Page loads\n\nnew\n",
    );
  });

  it("replaces a last section up to the end of the file", () => {
    expect(
      withSection("# B\n\n## Page loads\n\nold\n", "## Page loads", "## Page weight", "## Page loads\n\nnew"),
    ).toBe("# B\n\n## Page loads\n\nnew\n\n");
  });

  it("names the part to run, and refuses one it does not know with the parts it does", () => {
    expect(onlyPart(["node", "main.ts"])).toBeUndefined();
    expect(onlyPart(["node", "main.ts", "--only", "page-load"])).toBe("page-load");
    expect(() => onlyPart(["node", "main.ts", "--only", "pageload"])).toThrow(
      'npm run bench: --only needs one of page-load, page-weight, packages, postgres, not "pageload". For example: npm run bench -- --only page-load',
    );
    expect(() => onlyPart(["node", "main.ts", "--only"])).toThrow(
      /needs one of page-load, page-weight, packages, postgres, not ""/,
    );
  });
});
