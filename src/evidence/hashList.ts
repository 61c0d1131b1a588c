/**
 * A growing list of 32-byte hashes in large buffers: a million hashes are 32 MB in 16 buffers,
 * not a million small objects. The first buffer starts small and doubles until it is full size,
 * so that the tree's many short upper levels do not each hold a 2 MB buffer.
 */
export class HashList {
  private readonly chunks: Buffer[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(hash: Buffer): void {
    const slot = this.count % PER_CHUNK;
    const last = this.chunks.at(-1);
    if (slot === 0 && this.count > 0) this.chunks.push(Buffer.allocUnsafe(PER_CHUNK * HASH_BYTES));
    else if (!last) this.chunks.push(Buffer.allocUnsafe(FIRST * HASH_BYTES));
    else if (slot * HASH_BYTES === last.length) {
      // The first buffer is full but not yet full size: move it into one twice as large.
      const larger = Buffer.allocUnsafe(Math.min(PER_CHUNK, 2 * slot) * HASH_BYTES);
      last.copy(larger);
      this.chunks[0] = larger;
    }
    hash.copy(this.chunks.at(-1) as Buffer, slot * HASH_BYTES, 0, HASH_BYTES);
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
const FIRST = 16;
