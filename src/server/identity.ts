import { isEmail } from "../lib/fieldRules.ts";
import type { Employee } from "../schemas/employee.ts";
import { PEER_ADDRESS_HEADER } from "./forwarded.ts";
import { plainAddress, trustedProxies, type TrustedProxies } from "./trustedProxies.ts";
import { oidcSettings, type OidcSettings } from "./oidcSettings.ts";

/**
 * Who is acknowledging. `form`: the learner types name, email and employee id (self-asserted; the
 * embedded default). `header`: the organisation's single-sign-on proxy sets a header with the
 * email, believed only from the proxy addresses listed in AUP_TRUSTED_PROXIES. `oidc`: the learner
 * signs in with the organisation's OpenID provider (src/server/oidcSettings.ts has its settings).
 */
export interface IdentityConfig {
  mode: "form" | "header" | "oidc";
  emailHeader: string;
  nameHeader: string;
  trustedProxies: TrustedProxies;
  /** With `oidc` only. */
  oidc?: OidcSettings;
}

export function identityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const mode = env.AUP_IDENTITY ?? "form";
  if (mode !== "form" && mode !== "header" && mode !== "oidc")
    throw new Error(
      `AUP_IDENTITY is ${JSON.stringify(mode)}; it must be form (learners type who they are), oidc (learners sign in with the organisation's OpenID provider) or header (a single-sign-on proxy sets it).`,
    );
  return {
    mode,
    ...(mode === "oidc" ? { oidc: oidcSettings(env) } : {}),
    emailHeader: (env.AUP_IDENTITY_HEADER ?? "x-forwarded-email").toLowerCase(),
    nameHeader: (env.AUP_IDENTITY_NAME_HEADER ?? "x-forwarded-name").toLowerCase(),
    trustedProxies: trustedProxies(env),
  };
}

export interface KnownLearner {
  id: string;
  email: string;
  /** From the proxy or the roster; undefined when neither knows it. */
  name?: string;
  /** The OpenID provider's subject (`sub`), with oidc identity only. */
  subject?: string;
}

/**
 * The learner, or why the request names no one: `error` in the learner's words (the course shows it
 * as it is), and in `fields` what the people who run the site need to find the cause.
 */
export type IdentityResult =
  { learner: KnownLearner } | { status: 401 | 403 | 503; error: string; fields?: { field: string; message: string }[] };

/**
 * The learner named by the proxy's header, checked against where the request came from: the TCP
 * peer (which the server's request listener passes on), not the client address the proxy forwarded.
 */
export function headerIdentity(
  request: Request,
  clientAddress: string,
  config: IdentityConfig,
  roster: readonly Employee[],
): IdentityResult {
  const address = plainAddress(request.headers.get(PEER_ADDRESS_HEADER) ?? clientAddress);
  if (!config.trustedProxies.trusts(address))
    return {
      status: 403,
      error:
        "This site knows who you are only through your organisation's sign-in, and this page was not opened through it. Open the course from your organisation's portal, then sign again.",
      fields: [
        {
          field: "(request)",
          message: `came from ${address}, which is not one of AUP_TRUSTED_PROXIES: only the single-sign-on proxy's identity header is believed`,
        },
      ],
    };
  const email = request.headers.get(config.emailHeader)?.trim().toLowerCase();
  if (!email || !isEmail(email))
    return {
      status: 401,
      error:
        "Your organisation's sign-in did not tell this site who you are. Sign in again through your organisation's portal, then press the button again: your answers are kept.",
      fields: [{ field: "(request)", message: `has no valid ${config.emailHeader} header from the sign-in proxy` }],
    };
  const employee = roster.find((e) => e.email === email);
  const name = request.headers.get(config.nameHeader)?.trim() || employee?.name;
  return { learner: { id: employee?.id ?? email, email, name } };
}
