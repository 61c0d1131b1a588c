/**
 * A JSON answer. Every API answer goes through here, so that each one has the same content type
 * and none is cached: they carry records, status or errors that change from one request to the next.
 */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
