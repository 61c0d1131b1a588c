import { createHash } from "node:crypto";

/** A Content-Security-Policy as directive name → its sources. */
export type Policy = Map<string, string[]>;

export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const directive of text.split(";")) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** The policy a page carries in a <meta http-equiv> element, if any. */
export function metaPolicy(html: string): string | undefined {
  return /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1]?.replaceAll("&#39;", "'");
}

const hashOf = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * What the policy would block in the page: inline scripts and style elements without their hash in
 * script-src / style-src, and style attributes without theirs in style-src-attr. Empty when every
 * inline thing the page has is allowed, one by one.
 */
export function blockedInline(html: string, policy: Policy): string[] {
  const blocked: string[] = [];
  const scriptSources = policy.get("script-src") ?? [];
  const styleSources = policy.get("style-src") ?? [];
  const attributeSources = policy.get("style-src-attr") ?? styleSources;
  for (const [, attributes = "", body = ""] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi))
    if (!/\bsrc=/.test(attributes) && !scriptSources.includes(hashOf(body)))
      blocked.push(`inline script ${body.slice(0, 60)}`);
  for (const [, body = ""] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi))
    if (!styleSources.includes(hashOf(body))) blocked.push(`style element ${body.slice(0, 60)}`);
  for (const [, value = ""] of html.matchAll(/\sstyle="([^"]*)"/gi))
    if (!(attributeSources.includes("'unsafe-hashes'") && attributeSources.includes(hashOf(value))))
      blocked.push(`style attribute ${value}`);
  return blocked;
}
