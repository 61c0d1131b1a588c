import published from "virtual:aup/published";
import { acknowledgementBodyLimit } from "../course/largestAcknowledgement.ts";

/**
 * The most bytes `POST /api/acknowledgements` reads: computed once, from the courses this build
 * publishes, so that an organisation that adds scenarios gets a limit that still fits its largest
 * genuine acknowledgement (src/course/largestAcknowledgement.ts says how).
 */
export const ACKNOWLEDGEMENT_BODY_LIMIT = acknowledgementBodyLimit(Object.values(published.courses));
