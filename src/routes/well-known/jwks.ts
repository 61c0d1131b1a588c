import type { APIRoute } from "astro";
import { recordsStore } from "../../server/storeRegistry.ts";

/**
 * GET /.well-known/jwks.json: the public keys that check checkpoints and receipts, the current one
 * first and every retired one after it, so that a receipt signed before a rotation still verifies.
 */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify((await recordsStore()).keys.jwks, null, 2), {
    headers: { "content-type": "application/jwk-set+json", "cache-control": "max-age=300" },
  });
