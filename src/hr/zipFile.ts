import { closeSync, openSync, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import { Zip, ZipDeflate } from "fflate";

/**
 * A zip written straight to a file, one entry after the other, each streamed in (an entry may be
 * gigabytes: a journal of a million records). fflate hands over compressed bytes synchronously, so
 * they are written synchronously too: nothing piles up in memory. Each entry's SHA-256 is kept for
 * a SHA256SUMS file.
 */
export class ZipFile {
  private readonly fd: number;
  private readonly zip: Zip;
  private failure: Error | undefined;
  readonly sums: [name: string, sha256: string][] = [];

  constructor(file: string) {
    this.fd = openSync(file, "w", 0o600);
    this.zip = new Zip((error, chunk) => {
      if (error) this.failure ??= error;
      else writeSync(this.fd, chunk);
    });
  }

  /** Adds `name` with the text or bytes `content` yields, in order. */
  async add(name: string, content: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void> {
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    const hash = createHash("sha256");
    for await (const part of content) {
      const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
      hash.update(bytes);
      entry.push(bytes);
      if (this.failure) throw this.failure;
    }
    entry.push(new Uint8Array(0), true);
    this.sums.push([name, hash.digest("hex")]);
  }

  close(): void {
    this.zip.end();
    closeSync(this.fd);
    if (this.failure) throw this.failure;
  }
}
