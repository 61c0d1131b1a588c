import { readFileSync } from "node:fs";

/** Public keys that could not be had: the message says why and what to give instead. */
export class KeysSourceError extends Error {
  override name = "KeysSourceError";
}

/**
 * The text of a JWKS named on a command line: a file, or the URL of a site's
 * /.well-known/jwks.json (the one step of an offline check that may use the network).
 */
export async function readPublicKeysSource(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readInputFile(source, "the public keys");
  let response: Response;
  try {
    response = await fetch(source, { signal: AbortSignal.timeout(15_000), headers: { accept: "application/json" } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new KeysSourceError(
      `The public keys at ${source} cannot be fetched (${reason}). Check the address, or pass the evidence pack's jwks.json.`,
    );
  }
  if (!response.ok)
    throw new KeysSourceError(
      `The public keys at ${source} cannot be fetched: the server answered ${response.status} ${response.statusText}. Check the address (it ends in /.well-known/jwks.json).`,
    );
  return response.text();
}

/** A file a command was given, or a KeysSourceError naming it, what it is for and why it cannot be read. */
export function readInputFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new KeysSourceError(
      `${path} (${what}) cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check the path.`,
    );
  }
}
