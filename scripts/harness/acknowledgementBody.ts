import { loadPolicy } from "../../src/policy/loadPolicy.ts";

const policy = loadPolicy();

/** A valid request body for POST /api/acknowledgements, for attempt `attemptId`. */
export function validBody(attemptId: string, name = "Ada Lovelace") {
  return {
    attemptId,
    learner: { name, email: `${attemptId}@kestrel.example`, employeeId: `E-${attemptId}` },
    typedName: name,
    policy: { version: policy.version, hash: policy.hash },
    result: {
      mode: "onboarding",
      score: 0.9,
      passed: true,
      attempt: 1,
      scenarios: [
        { id: "client-email-summary", score: 1, outcomes: [{ clause: "3.4", outcome: "correct" }] },
        { id: "card-numbers-in-complaint", score: 0.8, outcomes: [{ clause: "3.1", outcome: "partial" }] },
      ],
    },
  };
}

export function post(baseUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/acknowledgements`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
