import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as they came over the wire, still encoded. */
  body: Buffer;
}

/**
 * A request over plain node:http, which (unlike fetch) neither asks for nor decodes a content
 * coding: the test sees the headers and bytes exactly as the server sent them.
 */
export function rawRequest(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () =>
        resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }),
      );
      answer.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

/** The body decoded by its Content-Encoding (none, br or gzip); throws on any other coding. */
export function decodedBody({ headers, body }: RawAnswer): Buffer {
  const coding = headers["content-encoding"];
  if (coding === undefined) return body;
  if (coding === "br") return brotliDecompressSync(body);
  if (coding === "gzip") return gunzipSync(body);
  throw new Error(`Unexpected Content-Encoding ${coding}`);
}
