import { createHash } from "node:crypto";
import { nodeHash } from "./merkleTree.ts";

/**
 * The root of a growing Merkle tree (RFC 9162) in the memory of its right edge: at most one complete
 * subtree hash a level, about 20 for a million leaves. What `npm run verify` needs to recompute a
 * journal's roots in one pass, where the server keeps the whole tree to answer proofs.
 */
export class MerkleFrontier {
  /** Complete subtrees, largest (leftmost) first: their sizes are the binary digits of `size`. */
  private readonly edge: { hash: Buffer; leaves: number }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Buffer): void {
    let subtree = { hash: leaf, leaves: 1 };
    while (this.edge.at(-1)?.leaves === subtree.leaves) {
      const left = this.edge.pop() as { hash: Buffer; leaves: number };
      subtree = { hash: nodeHash(left.hash, subtree.hash), leaves: left.leaves * 2 };
    }
    this.edge.push(subtree);
    this.count++;
  }

  /** MTH of the leaves so far: the edge's subtrees folded from the right. */
  root(): Buffer {
    if (this.edge.length === 0) return createHash("sha256").digest();
    return this.edge.reduceRight((right, left) => ({ hash: nodeHash(left.hash, right.hash), leaves: 0 })).hash;
  }
}
