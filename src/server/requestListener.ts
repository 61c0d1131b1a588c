import type { RequestListener } from "node:http";
import { compressResponse } from "./compression.ts";
import { applyForwarded } from "./forwarded.ts";
import { refuseUnknownMethod } from "./methodGuard.ts";
import { setSecurityHeaders } from "./securityHeaders.ts";
import { serveStaticFile } from "./staticFiles.ts";
import type { TrustedProxies } from "./trustedProxies.ts";

/**
 * What every request meets before the built site (Astro's handler) answers it: methods no route
 * takes are refused, forwarding headers are believed only from trusted proxies (and removed
 * otherwise), and the security headers are set for the original request's protocol. The build's
 * files are then served precompressed and cached (staticFiles.ts); what Astro renders on request is
 * compressed as it streams (compression.ts).
 */
export function siteListener(astro: RequestListener, proxies: TrustedProxies): RequestListener {
  return (req, res) => {
    if (refuseUnknownMethod(req, res)) return;
    const original = applyForwarded(req.headers, req.socket.remoteAddress, proxies);
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    setSecurityHeaders(res, pathname, original.protocol === "https");
    if (serveStaticFile(req, res)) return;
    compressResponse(req, res);
    return astro(req, res);
  };
}
