import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { APIRoute } from "astro";
import published from "virtual:aup/published";
import { writeEvidencePack } from "../../../hr/evidencePack.ts";
import { packSources } from "../../../hr/packSources.ts";
import { isStoreError } from "../../../records/storeError.ts";
import { json } from "../../../server/jsonResponse.ts";
import { recordsStore } from "../../../server/storeRegistry.ts";

/**
 * GET /api/admin/evidence: the auditor's evidence pack as a zip download (what npm run evidence
 * writes). It is made in a temporary file, then streamed and removed: a pack is never served half-made.
 */
export const GET: APIRoute = async () => {
  const store = await recordsStore();
  const work = mkdtempSync(path.join(tmpdir(), "aup-pack-"));
  const zip = path.join(work, "evidence.zip");
  try {
    const records = {
      where: "the records store",
      lines: (upTo?: number) => store.lines(upTo ?? Infinity),
      checkpoint: () => store.checkpoint().then(({ note }) => note),
      roster: () => Promise.resolve(store.roster()),
      sends: () => store.sendsLines(true),
    };
    const sources = await packSources(records, {
      jwks: store.keys.jwks,
      policy: published.policy,
      releases: published.releases,
      warn: (message) => console.warn(message),
    });
    await writeEvidencePack(zip, sources);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    if (isStoreError(error)) return json(503, { error: error.message });
    throw error;
  }
  const file = createReadStream(zip);
  file.on("close", () => rmSync(work, { recursive: true, force: true }));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(file) as ReadableStream, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="evidence-${stamp}.zip"`,
      "cache-control": "no-store",
    },
  });
};
