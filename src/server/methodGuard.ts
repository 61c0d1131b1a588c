import type { IncomingMessage, ServerResponse } from "node:http";

/** Every method a route of the site answers; anything else is refused before Astro sees it. */
const ALLOWED = new Set(["GET", "HEAD", "POST"]);
const ALLOW_HEADER = "GET, HEAD, POST";

/**
 * Answers a method no route takes (TRACE, PUT, DELETE, …) with 405 and a message, and OPTIONS with
 * the list of methods. Without this, TRACE reached Astro, whose Request constructor throws on it
 * (a 500 with a stack trace in the log), and a PUT to a page rendered it as if it were a GET.
 * Returns whether it answered.
 */
export function refuseUnknownMethod(req: IncomingMessage, res: ServerResponse): boolean {
  const method = req.method ?? "GET";
  if (ALLOWED.has(method)) return false;
  if (method === "OPTIONS") {
    res.writeHead(204, { allow: ALLOW_HEADER });
    res.end();
    return true;
  }
  const message = `This server does not accept ${method} requests. Its pages and API answer only ${ALLOW_HEADER}.`;
  const isApi = (req.url ?? "").startsWith("/api/");
  res.writeHead(405, {
    allow: ALLOW_HEADER,
    "content-type": isApi ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
  });
  // A body, if any, is left unread: Node discards it once the answer is sent.
  res.end(isApi ? JSON.stringify({ error: message }) : `${message}\n`);
  return true;
}
