/**
 * A growing list of 32-byte hashes in large buffers: a million hashes are 32 MB in 16 buffers,
 * not a million small objects.
 */
export class HashList {
  private readonly chunks: Buffer[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(hash: Buffer): void {
    const slot = this.count % PER_CHUNK;
    if (slot === 0) this.chunks.push(Buffer.allocUnsafe(PER_CHUNK * HASH_BYTES));
    hash.copy(this.chunks[this.chunks.length - 1] as Buffer, slot * HASH_BYTES, 0, HASH_BYTES);
    this.count++;
  }

  /** Hash `i` (a view, not a copy: treat it as read-only). */
  at(i: number): Buffer {
    const chunk = this.chunks[Math.floor(i / PER_CHUNK)] as Buffer;
    const start = (i % PER_CHUNK) * HASH_BYTES;
    return chunk.subarray(start, start + HASH_BYTES);
  }
}

const HASH_BYTES = 32;
const PER_CHUNK = 65_536;
