import { describe, expect, it } from "vitest";
import { identityConfig } from "../../src/server/identity.ts";
import { oidcSettings } from "../../src/server/oidcSettings.ts";

const valid = {
  AUP_IDENTITY: "oidc",
  AUP_OIDC_ISSUER: "https://login.example.com/tenant/v2.0",
  AUP_OIDC_CLIENT_ID: "aup-course",
  AUP_OIDC_CLIENT_SECRET: "s3cret",
  AUP_OIDC_REDIRECT_URL: "https://aup.example.com/auth/callback",
  AUP_OIDC_HR_VALUES: " aup-hr , compliance ,",
};

describe("OpenID Connect settings (AUP_OIDC_*)", () => {
  it("reads a complete configuration, with groups as the default HR claim and 8-hour sessions", () => {
    const settings = oidcSettings(valid);
    expect(settings.issuer.href).toBe("https://login.example.com/tenant/v2.0");
    expect(settings.redirectUrl.href).toBe("https://aup.example.com/auth/callback");
    expect(settings.hrClaim).toBe("groups");
    expect(settings.hrValues).toEqual(["aup-hr", "compliance"]);
    expect(settings.sessionMs).toBe(8 * 3_600_000);
    expect(oidcSettings({ ...valid, AUP_OIDC_HR_CLAIM: "roles", AUP_OIDC_SESSION_HOURS: "0.5" })).toMatchObject({
      hrClaim: "roles",
      sessionMs: 1_800_000,
    });
    expect(identityConfig(valid)).toMatchObject({ mode: "oidc", oidc: { clientId: "aup-course" } });
  });

  it("allows plain http only for a provider and a server on this machine", () => {
    const local = {
      ...valid,
      AUP_OIDC_ISSUER: "http://127.0.0.1:9000",
      AUP_OIDC_REDIRECT_URL: "http://localhost:4321/auth/callback",
    };
    expect(oidcSettings(local).issuer.protocol).toBe("http:");
    expect(() => oidcSettings({ ...valid, AUP_OIDC_ISSUER: "http://login.example.com" })).toThrow(
      'AUP_OIDC_ISSUER is "http://login.example.com"; it must be an https URL (plain http only for localhost or 127.0.0.1)',
    );
  });

  it("names the variable, the problem and what to write for each missing or malformed setting", () => {
    const without = (name: keyof typeof valid) => ({ ...valid, [name]: undefined });
    const cases: [NodeJS.ProcessEnv, string][] = [
      [without("AUP_OIDC_ISSUER"), "AUP_OIDC_ISSUER is missing: set it to the provider's issuer"],
      [
        { ...valid, AUP_OIDC_ISSUER: "login.example.com" },
        'AUP_OIDC_ISSUER is "login.example.com", which is not a URL',
      ],
      [without("AUP_OIDC_CLIENT_ID"), "AUP_OIDC_CLIENT_ID is missing: set it to the client (application) id"],
      [{ ...valid, AUP_OIDC_CLIENT_SECRET: "  " }, "AUP_OIDC_CLIENT_SECRET is missing"],
      [
        without("AUP_OIDC_REDIRECT_URL"),
        "AUP_OIDC_REDIRECT_URL is missing: set it to this server's address followed by /auth/callback",
      ],
      [
        { ...valid, AUP_OIDC_REDIRECT_URL: "https://aup.example.com/oidc/return" },
        "its path must be /auth/callback (the route this server answers the provider on), with no query: write https://aup.example.com/auth/callback",
      ],
      [
        { ...valid, AUP_OIDC_HR_VALUES: " , " },
        "AUP_OIDC_HR_VALUES is missing: name the group or role values that grant HR access",
      ],
      [
        { ...valid, AUP_OIDC_HR_CLAIM: "groups roles" },
        'AUP_OIDC_HR_CLAIM is "groups roles"; it must be the name of one claim',
      ],
      [
        { ...valid, AUP_OIDC_SESSION_HOURS: "8h" },
        'AUP_OIDC_SESSION_HOURS is "8h"; it must be a number of hours above 0',
      ],
      [{ ...valid, AUP_OIDC_SESSION_HOURS: "0" }, 'AUP_OIDC_SESSION_HOURS is "0"'],
    ];
    for (const [env, message] of cases) {
      expect(() => oidcSettings(env)).toThrow(message);
      // The server's start check (identityConfig) stops on the same message.
      expect(() => identityConfig(env)).toThrow(message);
    }
  });

  it("leaves the other identity modes free of OpenID settings", () => {
    expect(identityConfig({ AUP_IDENTITY: "header" }).oidc).toBeUndefined();
    expect(identityConfig({}).mode).toBe("form");
  });
});
