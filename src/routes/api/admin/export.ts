import { Readable } from "node:stream";
import type { APIRoute } from "astro";
import { exportStream } from "../../../hr/exportRecords.ts";
import { json } from "../../../server/jsonResponse.ts";
import { recordsStore } from "../../../server/storeRegistry.ts";

/** GET /api/admin/export?format=csv|json[&bom=1]: every record, streamed. */
export const GET: APIRoute = async ({ url }) => {
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "json")
    return json(400, { error: `format must be csv or json, not ${JSON.stringify(format)}.` });
  const store = await recordsStore();
  const stream = exportStream(store.records(), store.roster(), {
    format,
    bom: url.searchParams.get("bom") === "1",
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="acknowledgements-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
};
