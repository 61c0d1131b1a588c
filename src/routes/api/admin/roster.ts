import { countOf } from "../../../lib/plural.ts";
import type { APIRoute } from "astro";
import { formatRosterProblem } from "../../../hr/rosterCsv.ts";
import { ROSTER_MAX_BYTES } from "../../../hr/rosterLimits.ts";
import { isStoreError } from "../../../records/storeError.ts";
import { importRoster } from "../../../server/hrData.ts";
import { json } from "../../../server/jsonResponse.ts";
import { BodyError, readTextBody } from "../../../server/readBody.ts";

/** POST /api/admin/roster with a text/csv body: imports all rows or none, naming every bad row and column. */
export const POST: APIRoute = async ({ request }) => {
  try {
    if (!/^text\/csv\b/i.test(request.headers.get("content-type") ?? ""))
      throw new BodyError(415, "Send the roster as CSV, with Content-Type: text/csv.");
    const outcome = await importRoster(
      await readTextBody(request, ROSTER_MAX_BYTES, "Split the roster into smaller files."),
    );
    if ("change" in outcome) return json(200, outcome.change);
    return json(400, {
      error: `Nothing was imported: ${countOf(outcome.problems.length, "problem")}.`,
      problems: outcome.problems.map(formatRosterProblem),
    });
  } catch (error) {
    if (error instanceof BodyError) return json(error.status, { error: error.message });
    if (isStoreError(error)) return json(503, { error: error.message });
    throw error;
  }
};
