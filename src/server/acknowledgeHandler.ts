import { countOf } from "../lib/plural.ts";
import { sameName } from "../lib/sameName.ts";
import { resultProblems, resultScore, type PublishedCourses } from "../course/checkResult.ts";
import { reachesPassMark, toPercent } from "../course/scoring.ts";
import type { AcknowledgementRecord } from "../records/record.ts";
import type { RecordsStore } from "../records/recordsStore.ts";
import { isStoreError } from "../records/storeError.ts";
import { AcknowledgementBodySchema, type AcknowledgementBody } from "../schemas/acknowledgementBody.ts";
import { ACKNOWLEDGEMENT_BODY_LIMIT as BODY_LIMIT } from "./acknowledgementBodyLimit.ts";
import { receiptKey } from "./receiptLinks.ts";
import { signedReceipt } from "./signedReceipt.ts";
import { updateVersions } from "./updateEligibility.ts";
import { headerIdentity, type IdentityConfig } from "./identity.ts";
import { oidcIdentity } from "./oidcIdentity.ts";
import { json } from "./jsonResponse.ts";
import { BodyError, readJsonBody } from "./readBody.ts";

/** What the server knows of the policy it publishes (baked in at build time). */
export interface CurrentPolicy {
  version: string;
  hash: string;
  passMark: number;
  /** The published courses, which every result is checked against. */
  courses: PublishedCourses;
}

interface FieldProblem {
  field: string;
  message: string;
}

const problem = (status: number, error: string, fields?: FieldProblem[]) =>
  json(status, fields ? { error, fields } : { error });

/**
 * `POST /api/acknowledgements`: validates the body, works out who is acknowledging, checks the
 * policy and the pass mark, and answers 201 only once the record is durable (200 with the first
 * record for a repeated attempt). Bad input gets a 4xx naming what to fix and writes nothing.
 */
export async function handleAcknowledgement(
  request: Request,
  clientAddress: string,
  store: RecordsStore,
  policy: CurrentPolicy,
  identity: IdentityConfig,
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
      `The acknowledgement has ${countOf(fields.length, "invalid field")}: ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}.`,
      fields,
    );
  }
  const body = parsed.data;
  const who = await learnerOf(body, request, clientAddress, store, identity);
  if ("error" in who) return problem(who.status, who.error, who.fields);
  if (body.policy.hash !== policy.hash)
    return problem(
      409,
      `This acknowledgement is for policy ${body.policy.version} (${body.policy.hash.slice(0, 12)}…), but the published policy is now ${policy.version} (${policy.hash.slice(0, 12)}…). Reload the course to read the current version.`,
    );
  if (!sameName(body.typedName, who.learner.name))
    return problem(
      400,
      "The typed signature does not match the learner's name. Type your full name exactly as your organisation knows it.",
      [{ field: "typedName", message: "must match the learner's name" }],
    );
  // An update's versions are the records' to say: the update that starts from the learner's last acknowledgement.
  if (body.result.mode === "update") {
    const versions = await updateVersions(who.learner.id, body.attemptId, policy.courses.updates ?? [], store);
    if ("error" in versions)
      return problem(versions.status, versions.error, [
        { field: "result.mode", message: "is update, which this learner may not take" },
      ]);
    const claimed = [body.result.from ?? versions.from, body.result.to ?? versions.to];
    if (claimed[0] !== versions.from || claimed[1] !== versions.to)
      return problem(
        422,
        `This result says it updates from ${claimed[0]} to ${claimed[1]}, but this learner's update is from ${versions.from} to ${versions.to}. Reload the course to take the update the records call for.`,
        [{ field: "result.from", message: `must be ${versions.from}` }],
      );
    body.result = { ...body.result, ...versions };
  }
  // Only what a learner of the published course could have sent is stored (src/course/checkResult.ts).
  const implausible = resultProblems(body, policy.courses);
  if (implausible.length)
    return problem(
      422,
      `The result does not match the published course: ${implausible.map((f) => `${f.field} ${f.message}`).join("; ")}`,
      implausible,
    );
  const score = resultScore(body.result);
  if (!body.result.passed || !reachesPassMark(score, policy.passMark))
    return problem(
      422,
      `The course result (${toPercent(score)}%) does not reach the pass mark of ${policy.passMark}%. Finish the course before acknowledging.`,
      [{ field: body.result.passed ? "result.score" : "result.passed", message: "must reach the pass mark" }],
    );

  try {
    const outcome = await store.acknowledge({
      learner: who.learner,
      policy: body.policy,
      result: { ...body.result, attemptId: body.attemptId },
      signature: body.typedName,
      source: "site",
    });
    // Another learner or another result under this attempt id: say so, and nothing of the first.
    if ("conflict" in outcome)
      return problem(
        409,
        "This attempt id was already used for a different acknowledgement. Reload the course to start a new attempt, then acknowledge again.",
        [{ field: "attemptId", message: "was already used for a different acknowledgement" }],
      );
    const { record, duplicate } = outcome;
    const receiptUrl = `/receipt/${record.id}?k=${receiptKey(record.hash)}`;
    // The record is durable now: a receipt that cannot be signed yet never turns that into a failure.
    const receipt = await signedReceipt(store, record.seq).catch((error: unknown) => {
      if (isStoreError(error, "write-failed"))
        return { error: `${error.message} Open the receipt link later to download the signed receipt.` };
      throw error;
    });
    return json(duplicate ? 200 : 201, {
      record,
      duplicate,
      receiptUrl,
      ...(typeof receipt === "string" ? { receipt } : { receiptError: receipt?.error }),
    });
  } catch (error) {
    if (isStoreError(error, "write-failed")) return problem(503, error.message);
    throw error;
  }
}

type Who = { learner: AcknowledgementRecord["learner"] } | { status: number; error: string; fields?: FieldProblem[] };

/** The learner: from the body with form identity (self-asserted), from the provider's sign-in or the proxy's header otherwise. */
async function learnerOf(
  body: AcknowledgementBody,
  request: Request,
  clientAddress: string,
  store: RecordsStore,
  config: IdentityConfig,
): Promise<Who> {
  if (config.mode === "form") {
    if (!body.learner)
      return {
        status: 400,
        error: "learner is required: this server asks learners who they are (name, email, employee id).",
        fields: [{ field: "learner", message: "is required" }],
      };
    const { name, email, employeeId } = body.learner;
    return { learner: { id: employeeId, name, email: email.toLowerCase(), selfAsserted: true } };
  }
  const identity =
    config.mode === "oidc"
      ? await oidcIdentity(request, store)
      : headerIdentity(request, clientAddress, config, store.roster());
  if (!("learner" in identity)) return identity;
  const { id, email, name, subject } = identity.learner;
  return { learner: { id, email, name: name ?? body.typedName, selfAsserted: false, ...(subject ? { subject } : {}) } };
}
