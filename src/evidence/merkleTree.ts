import { createHash } from "node:crypto";
import { HashList } from "./hashList.ts";

/**
 * The journal as a Merkle tree in the RFC 9162 construction (Certificate Transparency v2):
 * leaf hash SHA-256(0x00 ‖ bytes), node hash SHA-256(0x01 ‖ left ‖ right), leaves in journal order.
 * It keeps the leaves and the hash of every complete subtree of 64 leaves or more (32 MB and a
 * little for a million records); a smaller subtree is hashed again from its leaves when a proof needs
 * it (at most 63 hashes), so that a root, an inclusion proof or a consistency proof costs at most a
 * hundred or so hashes however large the tree is, in half the memory of keeping every level.
 */
export class MerkleTree {
  private readonly leaves = new HashList();
  /** levels[l][i], for l of at least STORED_FROM: the hash of the complete subtree of 2^l leaves starting at leaf i·2^l. */
  private readonly levels: HashList[] = [];

  get size(): number {
    return this.leaves.length;
  }

  append(leaf: Buffer): void {
    this.leaves.push(leaf);
    const size = this.leaves.length;
    if (size % BLOCK !== 0) return;
    const block = size - BLOCK;
    const half = BLOCK / 2;
    const blockHash = nodeHash(this.subtree(block, STORED_FROM - 1), this.subtree(block + half, STORED_FROM - 1));
    (this.levels[STORED_FROM] ??= new HashList()).push(blockHash);
    // Each time a level gains its second, fourth, … hash, the pair completes a subtree one level up.
    for (let level = STORED_FROM; (this.levels[level] as HashList).length % 2 === 0; level++) {
      const hashes = this.levels[level] as HashList;
      const right = hashes.length - 1;
      (this.levels[level + 1] ??= new HashList()).push(nodeHash(hashes.at(right - 1), hashes.at(right)));
    }
  }

  /** The hash of the complete subtree of 2^level leaves from leaf `start` (a multiple of 2^level). */
  private subtree(start: number, level: number): Buffer {
    if (level === 0) return this.leaves.at(start);
    if (level >= STORED_FROM) return (this.levels[level] as HashList).at(start / 2 ** level);
    const half = 2 ** (level - 1);
    return nodeHash(this.subtree(start, level - 1), this.subtree(start + half, level - 1));
  }

  /** The hash of leaf `index`. */
  leaf(index: number): Buffer {
    if (!Number.isInteger(index) || index < 0 || index >= this.size)
      throw new RangeError(`the tree has no leaf ${index}`);
    return this.leaves.at(index);
  }

  /** The root of the tree of the first `size` leaves (MTH in RFC 9162 §2.1.1). */
  root(size = this.size): Buffer {
    this.checkSize(size);
    return size === 0 ? createHash("sha256").digest() : this.rangeHash(0, size);
  }

  /** The inclusion proof of leaf `index` in the tree of the first `size` leaves (RFC 9162 §2.1.3.1). */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.checkSize(size);
    if (!Number.isInteger(index) || index < 0 || index >= size)
      throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
    const proof: Buffer[] = [];
    for (let start = 0, end = size; end - start > 1;) {
      const k = largestPowerOfTwoBelow(end - start);
      if (index < start + k) {
        proof.push(this.rangeHash(start + k, end));
        end = start + k;
      } else {
        proof.push(this.rangeHash(start, start + k));
        start += k;
      }
    }
    return proof.reverse(); // RFC 9162 lists the path from the leaf up
  }

  /** The proof that the tree of `to` leaves extends the tree of `from` leaves (RFC 9162 §2.1.4.1). */
  consistencyProof(from: number, to = this.size): Buffer[] {
    this.checkSize(to);
    if (!Number.isInteger(from) || from < 1 || from > to)
      throw new RangeError(`a tree of ${from} cannot be proved inside a tree of ${to}`);
    const proof: Buffer[] = [];
    let [start, end, whole] = [0, to, true];
    while (from !== end) {
      const k = largestPowerOfTwoBelow(end - start);
      if (from - start <= k) {
        proof.push(this.rangeHash(start + k, end));
        end = start + k;
      } else {
        proof.push(this.rangeHash(start, start + k));
        start += k;
        whole = false;
      }
    }
    if (!whole) proof.push(this.rangeHash(start, end));
    return proof.reverse();
  }

  /**
   * MTH of leaves [start, end), where `start` is a multiple of the smallest power of two at least
   * as large as the range (true of every range the proofs ask for): the complete subtrees it is
   * made of, largest first, folded from the right.
   */
  private rangeHash(start: number, end: number): Buffer {
    const parts: Buffer[] = [];
    for (let at = start; at < end;) {
      const level = 31 - Math.clz32(end - at);
      parts.push(this.subtree(at, level));
      at += 2 ** level;
    }
    return parts.reduceRight((right, left) => nodeHash(left, right));
  }

  private checkSize(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size)
      throw new RangeError(`the tree has ${this.size} leaves, not ${size}`);
  }
}

/** The leaf hash of one record: its journal line in UTF-8, without the newline. */
export function recordLeafHash(line: string | Buffer): Buffer {
  return createHash("sha256").update(LEAF).update(line).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash("sha256").update(NODE).update(left).update(right).digest();
}

/** For n of at least 2 (tree sizes stay below 2^32). */
function largestPowerOfTwoBelow(n: number): number {
  return 2 ** (31 - Math.clz32(n - 1));
}

/** Subtrees of 2^STORED_FROM leaves and larger are kept; smaller ones are hashed again when needed. */
const STORED_FROM = 6;
const BLOCK = 2 ** STORED_FROM;
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);
