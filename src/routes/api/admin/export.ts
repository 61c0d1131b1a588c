import { Readable } from "node:stream";
import type { APIRoute } from "astro";
import { exportStream } from "../../../hr/exportRecords.ts";
import { STATUSES, type Status } from "../../../hr/status.ts";
import { statusExportStream } from "../../../hr/statusExport.ts";
import { filtersFrom, statusExportRows } from "../../../server/hrData.ts";
import { json } from "../../../server/jsonResponse.ts";
import { recordsStore } from "../../../server/storeRegistry.ts";

/**
 * GET /api/admin/export?format=csv|json[&bom=1][&what=records|status]: every record (the default),
 * or every roster employee's status, filtered as the dashboard filters (department, status,
 * version, q), streamed.
 */
export const GET: APIRoute = async ({ url }) => {
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json")
    return json(400, { error: `format must be csv or json, not ${JSON.stringify(format)}.` });
  const what = url.searchParams.get("what") ?? "records";
  if (what !== "records" && what !== "status")
    return json(400, {
      error: `what must be records (the acknowledgements) or status (every roster employee's), not ${JSON.stringify(what)}.`,
    });
  const status = url.searchParams.get("status");
  if (what === "status" && status && !STATUSES.includes(status as Status))
    return json(400, { error: `status must be one of ${STATUSES.join(", ")}, not ${JSON.stringify(status)}.` });
  const bom = url.searchParams.get("bom") === "1";
  const today = new Date().toISOString().slice(0, 10);
  let stream: Readable;
  if (what === "status")
    stream = statusExportStream(await statusExportRows(filtersFrom(url.searchParams), today), { format, today, bom });
  else {
    const store = await recordsStore();
    stream = exportStream(store.records(), store.roster(), { format, bom });
  }
  const name = what === "status" ? "status" : "acknowledgements";
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${name}-${today}.${format}"`,
      "cache-control": "no-store",
    },
  });
};
