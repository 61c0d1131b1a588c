import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

// The layering rules of eslint.config.js, run on code that breaks them, as if it stood at `file`:
// a rule that could never fail would hold nothing. Type information is switched off here (these
// rules do not use it, and the project service would refuse code that is not on disk).
const eslint = new ESLint({
  overrideConfig: [
    tseslint.configs.disableTypeChecked,
    { languageOptions: { parserOptions: { projectService: false, project: false } } },
  ],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the layering rules (npm run lint)", () => {
  it("keep src/records/ from importing anything above it", async () => {
    expect(
      await problems(
        "src/records/chain.ts",
        'import type { StatusRow } from "../hr/report.ts";\nexport type Row = StatusRow;\n',
      ),
    ).toEqual([
      expect.stringMatching(
        /^import-x\/no-restricted-paths: .*"\.\.\/hr\/report\.ts".*src\/records\/ is the bottom layer/,
      ),
    ]);
    expect(
      await problems(
        "src/records/chain.ts",
        'import { z } from "zod";\nimport { OUTCOMES } from "../schemas/scenario.ts";\nexport const o = z.enum(OUTCOMES);\n',
      ),
    ).toEqual([]);
  });

  it("keep src/lib/ and src/schemas/ below records, and src/ from importing tests, scripts or the packager", async () => {
    expect(
      await problems(
        "src/schemas/employee.ts",
        'import { loadPolicy } from "../policy/loadPolicy.ts";\nexport const p = loadPolicy;\n',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-paths: .*src\/lib\/ and src\/schemas\/ import only/)]);
    expect(
      await problems(
        "src/hr/report.ts",
        'import { validBody } from "../../scripts/harness/acknowledgementBody.ts";\nexport const v = validBody;\n',
      ),
    ).toEqual([expect.stringMatching(/no-restricted-paths: .*src\/ is the application/)]);
  });

  it("let scripts/ import src/ and scripts/ only", async () => {
    expect(
      await problems("scripts/verify.ts", 'import { dataDir } from "../tests/support/records.ts";\nvoid dataDir;\n'),
    ).toEqual([
      expect.stringMatching(/no-restricted-paths: .*"\.\.\/tests\/support\/records\.ts".*scripts\/ import only src\//),
    ]);
    expect(
      await problems(
        "scripts/verify.ts",
        'import { startServer } from "./harness/server.ts";\nimport { dataDir } from "../src/records/dataFiles.ts";\nvoid startServer;\nvoid dataDir;\n',
      ),
    ).toEqual([]);
  });

  it("find an import cycle", async () => {
    // report.ts imports status.ts: status.ts importing report.ts back closes a cycle.
    expect(
      await problems("src/hr/status.ts", 'import { filterRows } from "./report.ts";\nexport const f = filterRows;\n'),
    ).toEqual(["import-x/no-cycle: Dependency cycle detected"]);
  });
});
