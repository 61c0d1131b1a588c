/** The answer to a request body that cannot be used: status and a message that says what to fix. */
export class BodyError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Reads a JSON body of at most `limit` bytes without buffering more than that. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? ""))
    throw new BodyError(415, "Send the acknowledgement as JSON, with Content-Type: application/json.");
  const tooLarge = () =>
    new BodyError(413, `The body is larger than ${limit} bytes. Send only the fields the API documents.`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(400, `The body is not valid JSON (${(error as Error).message}).`);
  }
}
