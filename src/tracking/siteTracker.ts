import { signInPath } from "../lib/authRoutes.ts";
import type { AcknowledgementRecord } from "../records/record.ts";
import { BrowserTracker } from "./browserTracker.ts";
import { readMe, type Me } from "./meResponse.ts";
import { recordReceipt } from "./recordReceipt.ts";
import { refusedFields, type RefusedField } from "./recordsRefusal.ts";
import type { AcknowledgementReceipt, AcknowledgementRequest, TrackerStart } from "./tracker.ts";

/**
 * The site's tracker: progress in this browser, the acknowledgement in the organisation's records
 * (`POST /api/acknowledgements`). A retry after a failure or a timeout sends the same attempt id,
 * so the server records it once.
 */
export class SiteTracker extends BrowserTracker {
  readonly kind = "site";
  /** Until the server says it has single sign-on, the learner types who they are. */
  asksIdentity = true;
  refusedFields: readonly RefusedField[] = [];
  /** Whether learners sign in with the organisation's provider (AUP_IDENTITY=oidc). */
  private signsIn = false;

  override async start(): Promise<TrackerStart> {
    const saved = await super.start();
    const me = await fetch(new URL("/api/me", location.href))
      .then(async (response) => readMe(await response.json()))
      .catch((): Me => ({ mode: "form" }));
    this.asksIdentity = me.mode === "form";
    this.signsIn = me.mode === "oidc";
    // Not signed in, or the sign-in has ended: the course waits (its progress is saved) while the provider says who this is.
    if (this.signsIn && !me.learner) return this.signIn();
    // The records say this learner owes only the update: the onboarding page hands over to it.
    if (me.updateHref && /\/course\/?$/.test(location.pathname)) {
      location.replace(me.updateHref); // a path of this site (readMe follows no other)
      return new Promise(() => {});
    }
    const learner = me.learner ? { id: me.learner.id, name: me.learner.name ?? me.learner.email } : undefined;
    const signedIn =
      this.signsIn && learner && me.learner ? { name: learner.name, email: me.learner.email } : undefined;
    return { ...saved, learner, missedClauses: me.missedClauses, products: me.products, signedIn };
  }

  private signIn(): Promise<never> {
    location.assign(signInPath(location.pathname + location.search));
    return new Promise(() => {});
  }

  protected async store(request: AcknowledgementRequest): Promise<AcknowledgementReceipt> {
    let response: Response;
    this.refusedFields = [];
    try {
      response = await fetch(new URL("/api/acknowledgements", location.href), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      });
    } catch {
      throw new Error(
        "The records server could not be reached. Check your connection, then press the button again: your answers are kept.",
      );
    }
    const body = (await response.json().catch(() => ({}))) as {
      record?: AcknowledgementRecord;
      receiptUrl?: string;
      error?: string;
      fields?: unknown;
    };
    if (response.status === 401 && this.signsIn) {
      void this.signIn();
      throw new Error("Your sign-in has ended: taking you to sign in again, and your progress is kept.");
    }
    this.refusedFields = response.ok ? [] : refusedFields(body.fields);
    if (!response.ok || !body.record)
      throw new Error(
        body.error ??
          `The records server answered ${response.status} without saying why. Press the button again in a minute; if it answers the same, tell the people who run this site.`,
      );
    return recordReceipt(body.record, body.receiptUrl);
  }
}
