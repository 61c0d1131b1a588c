import type { APIRoute } from "astro";
import { refusedImportText } from "../../../hr/rosterChangeText.ts";
import { formatRosterProblem } from "../../../hr/rosterCsv.ts";
import { ROSTER_MAX_BYTES } from "../../../hr/rosterLimits.ts";
import { isStoreError } from "../../../records/storeError.ts";
import { importRoster } from "../../../server/hrData.ts";
import { json } from "../../../server/jsonResponse.ts";
import { BodyError, readTextBody } from "../../../server/readBody.ts";

/**
 * POST /api/admin/roster[?sync=1] with a text/csv body: imports all rows or none, naming every bad
 * row and column. With sync=1 the file is the whole roster: employees missing from it are marked left.
 */
export const POST: APIRoute = async ({ request, url }) => {
  try {
    const sync = url.searchParams.get("sync");
    if (sync !== null && sync !== "1" && sync !== "0")
      throw new BodyError(
        400,
        `sync must be 1 (a full sync: employees missing from the file have left) or 0, not ${JSON.stringify(sync)}.`,
      );
    if (!/^text\/csv\b/i.test(request.headers.get("content-type") ?? ""))
      throw new BodyError(415, "Send the roster as CSV, with Content-Type: text/csv.");
    const outcome = await importRoster(
      await readTextBody(request, ROSTER_MAX_BYTES, "Split the roster into smaller files."),
      { sync: sync === "1" },
    );
    if ("change" in outcome) return json(200, outcome.change);
    return json(400, {
      error: refusedImportText(outcome.problems, outcome.shape),
      header: outcome.shape.header,
      problems: outcome.problems.map(formatRosterProblem),
    });
  } catch (error) {
    if (error instanceof BodyError) return json(error.status, { error: error.message });
    if (isStoreError(error)) return json(503, { error: error.message });
    throw error;
  }
};
