import { toPercent } from "../machines/scoring.ts";
import type { RecordsStore } from "../records/recordsStore.ts";
import { StoreError } from "../records/storeError.ts";
import { AcknowledgementBodySchema } from "../schemas/acknowledgementBody.ts";
import { receiptKey } from "./adminAuth.ts";
import { BodyError, readJsonBody } from "./readBody.ts";

/** What the server knows of the policy it publishes (baked in at build time). */
export interface CurrentPolicy {
  version: string;
  hash: string;
  passMark: number;
}

const BODY_LIMIT = 64 * 1024;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

const problem = (status: number, error: string, fields?: { field: string; message: string }[]) =>
  json(status, fields ? { error, fields } : { error });

/**
 * `POST /api/acknowledgements`: validates the body, checks it against the published policy and
 * the pass mark, and answers 201 only once the record is durable (200 with the first record for
 * a repeated attempt). Bad input gets a 4xx naming what to fix and writes nothing.
 */
export async function handleAcknowledgement(
  request: Request,
  store: RecordsStore,
  policy: CurrentPolicy,
): Promise<Response> {
  let raw: unknown;
  try {
    raw = await readJsonBody(request, BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyError) return problem(error.status, error.message);
    throw error;
  }
  const parsed = AcknowledgementBodySchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({
      field: issue.path.join(".") || "(body)",
      message: issue.message,
    }));
    return problem(
      400,
      `The acknowledgement has ${fields.length} invalid field(s): ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}.`,
      fields,
    );
  }
  const body = parsed.data;
  if (body.policy.hash !== policy.hash)
    return problem(
      409,
      `This acknowledgement is for policy ${body.policy.version} (${body.policy.hash.slice(0, 12)}…), but the published policy is now ${policy.version} (${policy.hash.slice(0, 12)}…). Reload the course to read the current version.`,
    );
  if (normaliseName(body.typedName) !== normaliseName(body.learner.name))
    return problem(
      400,
      "The typed signature does not match the learner's name. Type your full name exactly as in the name field.",
      [{ field: "typedName", message: "must match learner.name" }],
    );
  const mean = body.result.scenarios.reduce((sum, s) => sum + s.score, 0) / body.result.scenarios.length;
  if (!body.result.passed || toPercent(mean) < policy.passMark || Math.abs(mean - body.result.score) > 1e-6)
    return problem(
      422,
      `The course result (${toPercent(mean)}%) does not reach the pass mark of ${policy.passMark}%. Finish the course before acknowledging.`,
    );

  try {
    const { record, duplicate } = await store.acknowledge({
      learner: {
        id: body.learner.employeeId,
        name: body.learner.name,
        email: body.learner.email.toLowerCase(),
        selfAsserted: true,
      },
      policy: body.policy,
      result: { ...body.result, attemptId: body.attemptId },
      signature: body.typedName,
      source: "site",
    });
    const receiptUrl = `/receipt/${record.id}?k=${receiptKey(record.hash)}`;
    return json(duplicate ? 200 : 201, { record, duplicate, receiptUrl });
  } catch (error) {
    if (error instanceof StoreError && error.kind === "write-failed") return problem(503, error.message);
    throw error;
  }
}

function normaliseName(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("en");
}
