import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { receiptSecret } from "./receiptLinks.ts";

/** The cookie that carries a sign-in in progress from /auth/sign-in to /auth/callback. */
export const OIDC_FLOW_COOKIE = "aup_oidc_flow";
/** Long enough to type a password and answer a second factor; short enough that a stale one is useless. */
export const FLOW_SECONDS = 600;

/** What the callback must check the provider's answer against, and where to send the user afterwards. */
export interface SignInFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A path on this site. */
  next: string;
  expiresAt: number;
}

let derived: Buffer | undefined;

/**
 * The key flow cookies are sealed with, derived from the data folder's receipt secret (a label of
 * its own keeps the two uses apart): servers that share that secret, as several servers on one
 * database must, open each other's flows, and a restart mid-sign-in loses nothing.
 */
export function flowKey(): Buffer {
  derived ??= createHmac("sha256", receiptSecret()).update("aup-oidc-flow-key").digest();
  return derived;
}

/**
 * The flow sealed for the cookie. AES-GCM both signs it (a changed byte fails to open) and hides the
 * PKCE verifier, which must stay secret to the browser's owner and the server.
 */
export function sealFlow(flow: SignInFlow, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(flow), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

export type OpenedFlow = { flow: SignInFlow } | { problem: string };

/** The flow from the cookie, or why there is none to finish. */
export function openFlow(value: string | undefined, key: Buffer, now = Date.now()): OpenedFlow {
  if (!value)
    return {
      problem:
        "This browser has no sign-in in progress (its sign-in cookie is missing: it was blocked, cleared, or the sign-in was started in another browser). Start the sign-in again from this browser.",
    };
  let flow: SignInFlow;
  try {
    const bytes = Buffer.from(value, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    // What this process sealed itself, so its shape is known once it opens.
    flow = JSON.parse(
      Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8"),
    ) as SignInFlow;
  } catch {
    return {
      problem:
        "The sign-in cookie of this browser was altered, or was made by a server with another secret. Start the sign-in again.",
    };
  }
  if (flow.expiresAt <= now)
    return { problem: `The sign-in took longer than ${FLOW_SECONDS / 60} minutes. Start it again.` };
  return { flow };
}
