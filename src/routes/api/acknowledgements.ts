import type { APIRoute } from "astro";
import published from "virtual:aup/published";
import { handleAcknowledgement } from "../../server/acknowledgeHandler.ts";
import { identityConfig } from "../../server/identity.ts";
import { recordsStore } from "../../server/storeRegistry.ts";

const { version, hash, organisation } = published.policy;
const policy = { version, hash, passMark: organisation.course.passMark, courses: published.courses };

export const POST: APIRoute = async ({ request, clientAddress }) =>
  handleAcknowledgement(request, clientAddress, await recordsStore(), policy, identityConfig());
