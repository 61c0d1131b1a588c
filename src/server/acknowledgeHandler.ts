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
import { ATTEMPT_USED, invalidBodyMessage, RELOAD } from "./learnerMessages.ts";
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

/**
 * A refusal. `error` is what the learner reads when no field of the form carries the problem (the
 * course shows it as it is), so it says in plain words what they can do; what a developer needs (the
 * body's paths, the versions and hashes) goes in `fields`, which the page ties to its inputs.
 */
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
    // The course always sends JSON within the limit: nothing the learner typed is the cause.
    if (error instanceof BodyError) return problem(error.status, RELOAD, [{ field: "(body)", message: error.message }]);
    throw error;
  }
  const parsed = AcknowledgementBodySchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({
      field: issue.path.join(".") || "(body)",
      message: issue.message,
    }));
    return problem(400, invalidBodyMessage(fields), fields);
  }
  const body = parsed.data;
  const who = await learnerOf(body, request, clientAddress, store, identity);
  if ("error" in who) return problem(who.status, who.error, who.fields);
  if (body.policy.hash !== policy.hash)
    return problem(
      409,
      `The policy has changed since you started: version ${policy.version} is published now. Reload the page and take the course for version ${policy.version}, then sign again.`,
      [
        {
          field: "policy.hash",
          message: `is ${body.policy.version}'s (${body.policy.hash.slice(0, 12)}…), but the published policy is ${policy.version} (${policy.hash.slice(0, 12)}…)`,
        },
      ],
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
        { field: "result.mode", message: `is update, which this learner may not take: ${versions.detail}` },
      ]);
    const claimed = [body.result.from ?? versions.from, body.result.to ?? versions.to];
    if (claimed[0] !== versions.from || claimed[1] !== versions.to)
      return problem(
        422,
        `Your records call for the update from version ${versions.from} to ${versions.to}, not this one. Reload the page to take that update, then sign again.`,
        [
          {
            field: "result.from",
            message: `must be ${versions.from}: the result updates from ${claimed[0]} to ${claimed[1]}, the learner's update is from ${versions.from} to ${versions.to}`,
          },
        ],
      );
    body.result = { ...body.result, ...versions };
  }
  // Only what a learner of the published course could have sent is stored (src/course/checkResult.ts).
  const implausible = resultProblems(body, policy.courses);
  if (implausible.length)
    return problem(
      422,
      "Your result does not fit the course this site publishes now, which may have changed while you took it. Reload the page and take the course again, then sign.",
      implausible,
    );
  const score = resultScore(body.result);
  if (!body.result.passed || !reachesPassMark(score, policy.passMark))
    return problem(
      422,
      `Your score of ${toPercent(score)}% is below the pass mark of ${policy.passMark}%. Finish the course, retrying the scenarios you missed, before you sign.`,
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
      return problem(409, ATTEMPT_USED, [
        { field: "attemptId", message: "was already used for a different acknowledgement" },
      ]);
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
        error:
          "This site needs your full name, work email and employee ID, and the page did not send them. Reload the page and sign again; if it does not ask for them, tell the people who run this site.",
        fields: [{ field: "learner", message: "is required with form identity: name, email and employeeId" }],
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
