import type { APIRoute } from "astro";
import { handleAcknowledgement } from "../../server/acknowledgeHandler.ts";
import { recordsStore } from "../../server/storeRegistry.ts";

export const prerender = false;

export const POST: APIRoute = async ({ request }) =>
  handleAcknowledgement(request, await recordsStore(), __AUP_POLICY__);
