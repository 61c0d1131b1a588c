import type { APIRoute } from "astro";
import { handleAcknowledgement } from "../../server/acknowledgeHandler.ts";
import { identityConfig } from "../../server/identity.ts";
import { recordsStore } from "../../server/storeRegistry.ts";

export const POST: APIRoute = async ({ request, clientAddress }) =>
  handleAcknowledgement(request, clientAddress, await recordsStore(), __AUP_POLICY__, identityConfig());
