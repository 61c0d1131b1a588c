/**
 * The settings of OpenID Connect sign-in (AUP_IDENTITY=oidc), read from the environment. Every
 * problem throws a message naming the variable, what is wrong and what to write, so that the server
 * refuses to start rather than fail at the first sign-in.
 */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: this server's /auth/callback, as registered at the provider. */
  redirectUrl: URL;
  /** The claim (ID token or userinfo) that lists the user's groups or roles. */
  hrClaim: string;
  /** Any one of these values in the claim grants HR access. */
  hrValues: string[];
  /** How long a sign-in lasts before the user signs in again. */
  sessionMs: number;
}

/** The route this server answers the provider's redirect on (src/routes/auth/callback.astro). */
export const CALLBACK_PATH = "/auth/callback";
const DEFAULT_SESSION_HOURS = 8;
// Plain http is only for a provider or a server on this machine (a local try-out, the tests): over a
// network it would hand codes and tokens to anyone on the path.
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings {
  const issuer = secureUrl(env, "AUP_OIDC_ISSUER", "the provider's issuer, e.g. https://login.example.com/tenant");
  const redirectUrl = secureUrl(
    env,
    "AUP_OIDC_REDIRECT_URL",
    `this server's address followed by ${CALLBACK_PATH}, e.g. https://aup.example.com${CALLBACK_PATH}`,
  );
  if (redirectUrl.pathname !== CALLBACK_PATH || redirectUrl.search || redirectUrl.hash)
    throw new Error(
      `AUP_OIDC_REDIRECT_URL is ${JSON.stringify(redirectUrl.href)}; its path must be ${CALLBACK_PATH} (the route this server answers the provider on), with no query: write ${redirectUrl.origin}${CALLBACK_PATH} and register the same URL at the provider.`,
    );
  const hrValues = (env.AUP_OIDC_HR_VALUES ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  if (!hrValues.length)
    throw new Error(
      'AUP_OIDC_HR_VALUES is missing: name the group or role values that grant HR access, comma-separated (e.g. "aup-hr,compliance"), as the provider puts them in the claim AUP_OIDC_HR_CLAIM.',
    );
  return {
    issuer,
    redirectUrl,
    clientId: required(env, "AUP_OIDC_CLIENT_ID", "the client (application) id the provider gave this server"),
    clientSecret: required(env, "AUP_OIDC_CLIENT_SECRET", "the client secret the provider gave this server"),
    hrClaim: hrClaim(env.AUP_OIDC_HR_CLAIM),
    hrValues,
    sessionMs: sessionHours(env.AUP_OIDC_SESSION_HOURS) * 3_600_000,
  };
}

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`${name} is missing: set it to ${what}.`);
  return value;
}

function secureUrl(env: NodeJS.ProcessEnv, name: string, what: string): URL {
  const value = required(env, name, what);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is ${JSON.stringify(value)}, which is not a URL: set it to ${what}.`);
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname))) return url;
  throw new Error(
    `${name} is ${JSON.stringify(value)}; it must be an https URL (plain http only for localhost or 127.0.0.1): set it to ${what}.`,
  );
}

function hrClaim(value: string | undefined): string {
  const claim = (value ?? "groups").trim();
  if (/^[\w.:/-]+$/.test(claim)) return claim;
  throw new Error(
    `AUP_OIDC_HR_CLAIM is ${JSON.stringify(value)}; it must be the name of one claim, such as groups or roles (groups when unset).`,
  );
}

function sessionHours(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SESSION_HOURS;
  const hours = Number(value.trim());
  if (value.trim() !== "" && Number.isFinite(hours) && hours > 0 && hours <= 24 * 30) return hours;
  throw new Error(
    `AUP_OIDC_SESSION_HOURS is ${JSON.stringify(value)}; it must be a number of hours above 0 and at most 720 (${DEFAULT_SESSION_HOURS} when unset), e.g. 8 or 0.5.`,
  );
}
