import type { APIRoute } from "astro";
import { isStoreError } from "../../records/storeError.ts";
import { json } from "../../server/jsonResponse.ts";
import { recordsStore } from "../../server/storeRegistry.ts";

/**
 * GET /api/checkpoint: the latest signed tree head of the records, as a c2sp.org signed note
 * (origin, tree size, root hash, signature). Anyone who keeps one can later prove, with
 * `npm run verify -- --checkpoint FILE`, that the journal was only ever extended.
 */
export const GET: APIRoute = async () => {
  try {
    const { note } = await (await recordsStore()).checkpoint();
    return new Response(note, {
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  } catch (error) {
    if (isStoreError(error) || (error as NodeJS.ErrnoException).code)
      return json(503, {
        error: `The checkpoint could not be saved, so none is published now (${(error as Error).message}). Try again once the server's disk is writable.`,
      });
    throw error;
  }
};
