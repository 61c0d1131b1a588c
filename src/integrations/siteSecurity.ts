import type { AstroUserConfig } from "astro";

/**
 * The site build's `security` settings (the SCORM builds have none: an LMS serves them).
 *
 * - `csp`: Astro hashes every script and style it puts in a page (the inline stylesheet of each page,
 *   the /verify page's inline script) and sends the policy as a header on pages rendered on request
 *   and as a <meta> element in prerendered ones (which so keep it when /verify is saved to disk).
 *   No inline script runs without its hash; the one style attribute, the brand colour on <html>,
 *   is allowed by its hash (PageFrame.astro), which needs 'unsafe-hashes' on style-src-attr.
 *   `frame-ancestors` cannot live in a <meta>: the middleware adds it to HR pages and receipts.
 * - `allowedDomains`: any host and both protocols, so that Astro reads X-Forwarded-Proto/Host/For
 *   at all. The server's request listener (src/server/forwarded.ts) removes those headers unless
 *   the TCP peer is one of AUP_TRUSTED_PROXIES, and sets them to the vetted original values if it is.
 */
const siteSecurity: NonNullable<AstroUserConfig["security"]> = {
  csp: {
    directives: [
      "default-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ],
    styleDirective: { resources: [{ resource: "'unsafe-hashes'", kind: "attribute" }] },
  },
  allowedDomains: [{ protocol: "http" }, { protocol: "https" }],
};
export default siteSecurity;
