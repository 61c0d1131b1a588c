import http from "node:http";
import Provider, { type Configuration } from "oidc-provider";

/** A person the test provider knows: the claims its findAccount returns for them. */
export interface TestUser {
  email: string;
  name: string;
  groups: string[];
  email_verified?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (oidc-provider) on 127.0.0.1 and a free port, for the server under test
 * to sign people in with. One confidential client, registered with `redirectUrls`; PKCE is
 * required; devInteractions gives the login page (any password) and the consent page. The issuer
 * is plain http, which oidc-provider serves as it is; the client side (openid-client) accepts it
 * only because it is on 127.0.0.1 (src/server/oidcSettings.ts).
 */
export async function startTestProvider(
  redirectUrls: string[],
  users: Record<string, TestUser>,
): Promise<TestProvider> {
  let handle: http.RequestListener = (_, response) => response.writeHead(503).end();
  const server = http.createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const clientId = "aup-course-test";
  const clientSecret = "a-client-secret-for-the-test-provider-only";
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUrls,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // Refuses any authorization request without a code challenge (S256 only).
    pkce: { required: () => true },
    // groups travel with the profile scope, as a provider configured to release them would send them.
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    findAccount: (_, sub) => {
      const user = users[sub];
      if (!user) return undefined;
      return { accountId: sub, claims: () => ({ sub, email_verified: true, ...user }) };
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["test-provider-cookie-key"] },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  handle = (request, response) => void callback(request, response);
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
