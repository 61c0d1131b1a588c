import { json } from "./jsonResponse.ts";

/** How many of the stack's frames the log keeps: enough to find the place, not the whole trace. */
const FRAMES = 3;

const ANSWER =
  "Something went wrong on the server while answering this request. The error is in the server's log; try again in a moment, and if it keeps happening, tell the people who run this service.";

/**
 * The one log line for an error nothing expected: the request (method and path, never the query,
 * which can hold a receipt key), the error's message and its first frames, with file names cut to
 * their last part. One line, so that a log collector keeps it as one event.
 */
export function unexpectedErrorLine(method: string, pathname: string, error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const frames = (error instanceof Error ? (error.stack ?? "") : "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, FRAMES)
    .map((line) =>
      line
        .trim()
        .replace(/^at /, "")
        .replace(/(^|[\s(])(?:file:\/\/)?\/[^\s()]*\//g, "$1"),
    );
  const where = frames.length > 0 ? ` at ${frames.join(" < ")}` : "";
  return `aup-course: unexpected error on ${method} ${pathname}: ${oneLine(message)}${where}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * The answer to a request that failed unexpectedly: a 500 that says what to do and carries nothing
 * of the error (no stack, no file names), as JSON for the API and as plain text for pages.
 */
export function unexpectedErrorAnswer(pathname: string): Response {
  if (pathname.startsWith("/api/")) return json(500, { error: ANSWER });
  return new Response(ANSWER, {
    status: 500,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Logs `error` once, compactly, and answers the request without it. */
export function answerUnexpected(request: Request, error: unknown): Response {
  const { pathname } = new URL(request.url);
  console.error(unexpectedErrorLine(request.method, pathname, error));
  return unexpectedErrorAnswer(pathname);
}
