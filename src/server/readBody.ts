/** The answer to a request body that cannot be used: status and a message that says what to fix. */
export class BodyError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Reads a body as UTF-8 text, refusing (413) past `limit` bytes without buffering more than that. */
export async function readTextBody(request: Request, limit: number, hint: string): Promise<string> {
  const tooLarge = () => new BodyError(413, `The body is larger than ${limit} bytes. ${hint}`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a JSON body of at most `limit` bytes. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? ""))
    throw new BodyError(415, "Send the acknowledgement as JSON, with Content-Type: application/json.");
  const text = await readTextBody(request, limit, "Send only the fields the API documents.");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(400, `The body is not valid JSON (${(error as Error).message}).`);
  }
}
