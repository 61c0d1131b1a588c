import type { APIRoute } from "astro";
import published from "virtual:aup/published";
import { handleAcknowledgement } from "../../server/acknowledgeHandler.ts";
import { acknowledgementRateLimit } from "../../server/ackRateLimit.ts";
import { identityConfig } from "../../server/identity.ts";
import { recordsStore } from "../../server/storeRegistry.ts";

const { version, hash, organisation } = published.policy;
const courses = { ...published.courses, updates: published.updates };
const policy = { version, hash, passMark: organisation.course.passMark, courses };

// The rate limit comes first: a client over it is refused before its body is read.
export const POST: APIRoute = async ({ request, clientAddress }) =>
  acknowledgementRateLimit(clientAddress) ??
  handleAcknowledgement(request, clientAddress, await recordsStore(), policy, identityConfig());
