import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { AstroError } from "astro/errors";
import { ContentError, formatProblem } from "../lib/contentProblem.ts";
import { contentDir } from "../policy/paths.ts";
import { publish } from "../published/published.ts";
import { publishedModule } from "../published/publishedModule.ts";
import { writeOwnerFiles } from "../published/ownerFiles.ts";
import type { Published } from "../published/published.ts";
import { reviewNotice } from "../review/reviewNotice.ts";
import { newContentFiles } from "./newContentFiles.ts";
import { writeReminderKit } from "./reminderKitFile.ts";
import { scenariosDir } from "../scenarios/loadScenarios.ts";
import { BUILD_TARGETS, isBuildTarget, type BuildTarget } from "../site/target.ts";

/**
 * Reads the organisation settings, policy and scenarios once and compiles what they publish into the
 * build (`virtual:aup/published`, src/published/). A production build stops with every problem
 * listed (file, field or line, what to write); the dev server only warns, and the pages show
 * unfilled values visibly. Content files are watched in dev, which restarts and publishes again.
 */
export default function aupContent(): AstroIntegration {
  let published: Published | undefined;
  let serverDir: URL | undefined;
  let outDir: URL | undefined;
  return {
    name: "aup-content",
    hooks: {
      "astro:config:setup": ({ command, addWatchFile, logger, updateConfig }) => {
        const dirs = { contentDir: contentDir(), scenariosDir: scenariosDir() };
        const files = [...contentFiles(dirs.contentDir), ...contentFiles(dirs.scenariosDir)];
        for (const file of files) addWatchFile(file);
        // The one read of the content in this build (or dev session, or astro sync): pages, server
        // routes and the content collection share it.
        published = publish(dirs);
        updateConfig({
          vite: {
            plugins: [publishedModule(published), newContentFiles([dirs.contentDir, dirs.scenariosDir], files[0])],
            define: { __AUP_TARGET__: JSON.stringify(buildTarget()) },
          },
        });
        const { policy, governance } = published;
        const problems = [...published.problems, ...governance.governanceProblems];
        if (command !== "build") {
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
        logger.info(
          `Policy ${policy.version}, SHA-256 ${policy.hash}; ${published.scenarioFiles.length} scenarios; ${published.coverage}`,
        );
        for (const { gap, part, allowedBecause } of governance.allowedGaps)
          logger.info(`Common gap left open (policy.allowGaps): ${gap.title}, ${part.id}: ${allowedBecause}`);
        if (governance.review) {
          const notice = reviewNotice(governance.review, new Date());
          if (notice.level === "ok") logger.info(notice.message);
          else logger.warn(notice.message);
        }
      },
      "astro:config:done": ({ config }) => {
        serverDir = config.build.server;
        outDir = config.outDir;
      },
      "astro:build:done": () => {
        if (!published || buildTarget() !== "site") return;
        // The site's server reads the reminder kit beside its entry (the SCORM builds have no server).
        if (serverDir) writeReminderKit(serverDir, published.reminders);
        // The system prompt, the Cowork message and the review plan go beside the site, not into a package.
        if (outDir) writeOwnerFiles(fileURLToPath(outDir), published);
      },
    },
  };
}

/** AUP_TARGET: site (default), scorm12 or scorm2004. */
export function buildTarget(): BuildTarget {
  const target = process.env.AUP_TARGET ?? "site";
  if (isBuildTarget(target)) return target;
  throw new AstroError(
    `AUP_TARGET is ${JSON.stringify(target)}.`,
    `Set it to ${BUILD_TARGETS.join(", ")}, or leave it unset for the site.`,
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
