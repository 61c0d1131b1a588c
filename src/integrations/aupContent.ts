import { readdirSync } from "node:fs";
import path from "node:path";
import type { AstroIntegration } from "astro";
import { AstroError } from "astro/errors";
import { ContentError, formatProblem } from "../lib/contentProblem.ts";
import { loadPolicy } from "../policy/loadPolicy.ts";
import { contentDir } from "../policy/paths.ts";
import { loadScenarios, scenariosDir } from "../scenarios/loadScenarios.ts";

/**
 * Checks the organisation settings, policy and scenarios before anything is built: a production build stops
 * with every problem listed (file, field or line, what to write); the dev server only warns,
 * and the pages show unfilled values visibly. Content files are watched in dev.
 */
export default function aupContent(): AstroIntegration {
  return {
    name: "aup-content",
    hooks: {
      "astro:config:setup": ({ command, addWatchFile, logger, updateConfig }) => {
        const dir = contentDir();
        for (const file of [...contentFiles(dir), ...contentFiles(scenariosDir())]) addWatchFile(file);
        if (command !== "build" && command !== "dev") return;
        const policy = loadPolicy({ contentDir: dir, mode: "preview" });
        // The server checks every acknowledgement against the policy it was built with.
        const { passMark, onboardingWindowDays } = policy.organisation.course;
        const published = {
          version: policy.version,
          hash: policy.hash,
          effectiveDate: policy.effectiveDate,
          passMark,
          onboardingWindowDays,
        };
        updateConfig({
          vite: {
            define: { __AUP_POLICY__: JSON.stringify(published), __AUP_TARGET__: JSON.stringify(buildTarget()) },
          },
        });
        const { scenarios, problems: scenarioProblems } = loadScenarios({ contentDir: dir, mode: "preview" });
        const problems = [...policy.problems, ...scenarioProblems];
        if (command === "dev") {
          for (const problem of problems) logger.warn(formatProblem(problem));
          return;
        }
        if (problems.length) {
          const stop = new AstroError(
            new ContentError(problems).message,
            "Fix each problem above in the named file, then build again. The dev server (npm run dev) shows unfilled values on the page.",
          );
          stop.stack = ""; // a content mistake, not a crash: the trace would only hide the message
          throw stop;
        }
        logger.info(`Policy ${policy.version}, SHA-256 ${policy.hash}; ${scenarios.length} scenarios`);
      },
    },
  };
}

/** AUP_TARGET: site (default), scorm12 or scorm2004. */
export function buildTarget(): "site" | "scorm12" | "scorm2004" {
  const target = process.env.AUP_TARGET ?? "site";
  if (target === "site" || target === "scorm12" || target === "scorm2004") return target;
  throw new AstroError(
    `AUP_TARGET is ${JSON.stringify(target)}.`,
    "Set it to site, scorm12 or scorm2004, or leave it unset for the site.",
  );
}

function contentFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.(ya?ml|md)$/.test(name))
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}
