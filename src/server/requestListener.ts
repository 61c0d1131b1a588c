import type { RequestListener } from "node:http";
import { applyForwarded } from "./forwarded.ts";
import { refuseUnknownMethod } from "./methodGuard.ts";
import { setSecurityHeaders } from "./securityHeaders.ts";
import type { TrustedProxies } from "./trustedProxies.ts";

/**
 * What every request meets before the built site (Astro's handler) answers it: methods no route
 * takes are refused, forwarding headers are believed only from trusted proxies (and removed
 * otherwise), and the security headers are set for the original request's protocol.
 */
export function siteListener(astro: RequestListener, proxies: TrustedProxies): RequestListener {
  return (req, res) => {
    if (refuseUnknownMethod(req, res)) return;
    const original = applyForwarded(req.headers, req.socket.remoteAddress, proxies);
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    setSecurityHeaders(res, pathname, original.protocol === "https");
    return astro(req, res);
  };
}
