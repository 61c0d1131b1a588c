import { onboardingResult, shippedPolicy } from "./onboardingResult.ts";

/**
 * A valid request body for POST /api/acknowledgements, for attempt `attemptId`: a genuine, passing
 * onboarding result of the shipped course (every scenario, real outcomes), varied by the attempt id.
 */
export function validBody(attemptId: string, name = "Ada Lovelace") {
  return {
    attemptId,
    learner: { name, email: `${attemptId}@kestrel.example`, employeeId: `E-${attemptId}` },
    typedName: name,
    policy: { version: shippedPolicy.version, hash: shippedPolicy.hash },
    result: onboardingResult(variant(attemptId)),
  };
}

/** A small number from the attempt id, so that different attempts play different paths. */
function variant(attemptId: string): number {
  let n = 0;
  for (const char of attemptId) n = (n * 31 + char.charCodeAt(0)) % 1_000_003;
  return n;
}

export function post(baseUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/acknowledgements`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
