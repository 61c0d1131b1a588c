/**
 * Checking RFC 9162 proofs with WebCrypto only, so that the same code runs in Node, in the CLI and
 * on the static /verify page. The algorithms are those of RFC 9162 §2.1.3.2 and §2.1.4.2; sizes and
 * indexes are plain numbers (a journal stays far below 2^53 records).
 */

const HASH_BYTES = 32;

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/** SHA-256(0x00 ‖ bytes): the hash of one leaf, a record's journal line without its newline. */
export function leafHash(bytes: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([0]), bytes);
}

function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(new Uint8Array([1]), left, right);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

const isHash = (hash: Uint8Array) => hash.length === HASH_BYTES;
const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;
const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
function isPowerOfTwo(n: number): boolean {
  while (n > 1 && !odd(n)) n = half(n);
  return n === 1;
}

/** Whether `proof` shows the leaf with hash `leaf` at `index` in the tree of `size` leaves whose root is `root`. */
export async function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (!isSize(index) || !isSize(size) || index >= size || !isHash(leaf) || !isHash(root) || !proof.every(isHash))
    return false;
  let [fn, sn, r] = [index, size - 1, leaf];
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else r = await nodeHash(r, p);
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && sameBytes(r, root);
}

/** Whether `proof` shows that the tree of `size2` leaves (root `root2`) extends the tree of `size1` (root `root1`). */
export async function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Promise<boolean> {
  if (!isSize(size1) || !isSize(size2) || size1 > size2) return false;
  // The same tree proves itself with nothing (its roots are compared as given, as transparency-dev's
  // verifier does); an empty tree proves nothing (RFC 9162 needs size1 > 0).
  if (size1 === size2) return proof.length === 0 && sameBytes(root1, root2);
  if (size1 === 0 || proof.length === 0 || !isHash(root1) || !isHash(root2) || !proof.every(isHash)) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let [fn, sn] = [size1 - 1, size2 - 1];
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let [fr, sr] = [path[0] as Uint8Array, path[0] as Uint8Array];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      [fr, sr] = [await nodeHash(c, fr), await nodeHash(c, sr)];
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else sr = await nodeHash(sr, c);
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && sameBytes(fr, root1) && sameBytes(sr, root2);
}
