import * as client from "openid-client";
import { FLOW_SECONDS, type SignInFlow } from "./oidcFlow.ts";
import type { OidcSettings } from "./oidcSettings.ts";

/** A sign-in that cannot go on, with the status to answer and a message for the person. */
export class OidcProblem extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The claims this server reads of a signed-in user: the ID token's, completed by the userinfo endpoint. */
export type UserClaims = Record<string, unknown> & { sub: string };

// Discovered once, on the first sign-in; a provider that could not be reached is asked again next time.
let configuration: Promise<client.Configuration> | undefined;

function providerConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  configuration ??= client
    .discovery(
      settings.issuer,
      settings.clientId,
      undefined,
      // Basic is what a provider must support when its metadata names no method (OpenID Discovery 1.0).
      client.ClientSecretBasic(settings.clientSecret),
      // oidcSettings allows plain http only for a provider on this machine.
      settings.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    .catch((error: unknown) => {
      configuration = undefined;
      throw new OidcProblem(
        502,
        `The sign-in provider ${settings.issuer.href} could not be reached or did not describe itself (${(error as Error).message}). Try again in a moment; if it goes on, the administrator should check AUP_OIDC_ISSUER.`,
      );
    });
  return configuration;
}

/** Where to send the browser to sign in, and the flow the callback will check the answer against. */
export async function beginSignIn(settings: OidcSettings, next: string): Promise<{ url: URL; flow: SignInFlow }> {
  const config = await providerConfiguration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier,
    next,
    expiresAt: Date.now() + FLOW_SECONDS * 1000,
  };
  try {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUrl.href,
      scope: "openid email profile",
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url, flow };
  } catch (error) {
    // A provider whose metadata names no authorization endpoint, say: nothing the user can change.
    throw new OidcProblem(
      502,
      `The sign-in provider's description cannot be used to sign in (${(error as Error).message}). The administrator should check AUP_OIDC_ISSUER.`,
    );
  }
}

/**
 * Checks the provider's answer (state, PKCE, the ID token's signature, issuer, audience and nonce)
 * and returns who signed in. Everything that can go wrong here comes from the request or the
 * provider, so it becomes an OidcProblem (4xx, or 502 when the provider cannot be reached).
 */
export async function finishSignIn(settings: OidcSettings, search: string, flow: SignInFlow): Promise<UserClaims> {
  const config = await providerConfiguration(settings);
  // The answer's parameters on the registered redirect URL, whatever host or proxy the request came through.
  const answer = new URL(settings.redirectUrl);
  answer.search = search;
  try {
    const tokens = await client.authorizationCodeGrant(config, answer, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken)
      throw new OidcProblem(
        502,
        "The provider answered without an ID token. Ask the administrator to check the client's settings at the provider.",
      );
    // Many providers put email, name and groups only in userinfo when a code is exchanged.
    const userinfo = config.serverMetadata().userinfo_endpoint
      ? await client.fetchUserInfo(config, tokens.access_token, idToken.sub)
      : {};
    return { ...userinfo, ...idToken };
  } catch (error) {
    throw asProblem(error);
  }
}

function asProblem(error: unknown): OidcProblem {
  if (error instanceof OidcProblem) return error;
  if (error instanceof client.AuthorizationResponseError)
    return new OidcProblem(
      403,
      `The provider did not sign you in: ${error.error_description ?? error.error}. Start the sign-in again, or ask your administrator whether you may use this application.`,
    );
  if (error instanceof client.ResponseBodyError && error.error === "invalid_client")
    return new OidcProblem(
      502,
      `The provider refused this server's client credentials (${error.error_description ?? error.error}). The administrator should check AUP_OIDC_CLIENT_ID and AUP_OIDC_CLIENT_SECRET, and that the client may authenticate with client_secret_basic.`,
    );
  if (error instanceof client.ResponseBodyError)
    return new OidcProblem(
      400,
      `The provider refused this sign-in's code (${error.error}${error.error_description ? `: ${error.error_description}` : ""}): it may have been used already or have expired. Start the sign-in again.`,
    );
  // fetch's own error: the provider did not answer at all.
  if (error instanceof TypeError && error.message === "fetch failed")
    return new OidcProblem(502, `The sign-in provider could not be reached (${error.message}). Try again in a moment.`);
  // openid-client says "invalid response encountered" and keeps the check that failed as the cause.
  const { message, cause } = error as Error;
  const detail = cause instanceof Error ? cause.message : message;
  return new OidcProblem(
    400,
    `The sign-in answer did not pass its checks (${detail}). Start the sign-in again from this browser.`,
  );
}
