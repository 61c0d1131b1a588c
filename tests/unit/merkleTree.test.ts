import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HashList } from "../../src/evidence/hashList.ts";
import { MerkleTree, recordLeafHash } from "../../src/evidence/merkleTree.ts";
import { leafHash, verifyConsistency, verifyInclusion } from "../../src/evidence/merkleVerify.ts";

// RFC 9162 §2.1 written out as recursion, straight from the definitions, to hold the tree against.
const sha = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();
const split = (n: number) => 2 ** Math.floor(Math.log2(n - 1)); // the largest power of two below n
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = split(leaves.length);
  return sha(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}
function path(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}
function subproof(m: number, leaves: Buffer[], whole: boolean): Buffer[] {
  if (m === leaves.length) return whole ? [] : [mth(leaves)];
  const k = split(leaves.length);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), whole), mth(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

const leavesOf = (count: number) => Array.from({ length: count }, (_, i) => recordLeafHash(`{"seq":${i + 1}}`));
function treeOf(leaves: Buffer[]): MerkleTree {
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leaf);
  return tree;
}

describe("the journal's Merkle tree", () => {
  it("hashes a leaf as SHA-256 of 0x00 and the line, the same in Node and with WebCrypto", async () => {
    const line = '{"id":"ack-000001","learner":{"name":"Zoë"}}';
    expect(recordLeafHash(line)).toEqual(sha(Buffer.from([0]), Buffer.from(line, "utf8")));
    expect(Buffer.from(await leafHash(Buffer.from(line, "utf8")))).toEqual(recordLeafHash(line));
  });

  it("gives the RFC's root, inclusion and consistency proofs at every size, and every earlier size", () => {
    const leaves = leavesOf(70);
    const tree = treeOf(leaves);
    expect(tree.root(0)).toEqual(sha());
    for (let size = 1; size <= leaves.length; size++) {
      const prefix = leaves.slice(0, size);
      expect(tree.root(size)).toEqual(mth(prefix));
      for (let index = 0; index < size; index++) expect(tree.inclusionProof(index, size)).toEqual(path(index, prefix));
      for (let from = 1; from <= size; from++)
        expect(tree.consistencyProof(from, size)).toEqual(subproof(from, prefix, true));
    }
  });

  it("makes proofs that the WebCrypto checks accept, and refuses a changed proof, leaf, index or root", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 300 })
          .chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1), fc.integer({ min: 1, max: size }))),
        async ([size, index, from]) => {
          const tree = treeOf(leavesOf(size));
          const leaf = recordLeafHash(`{"seq":${index + 1}}`);
          const proof = tree.inclusionProof(index, size);
          expect(await verifyInclusion(leaf, index, size, proof, tree.root(size))).toBe(true);
          expect(await verifyInclusion(recordLeafHash("other"), index, size, proof, tree.root(size))).toBe(false);
          if (size > 1)
            expect(await verifyInclusion(leaf, (index + 1) % size, size, proof, tree.root(size))).toBe(false);
          const consistency = tree.consistencyProof(from, size);
          expect(await verifyConsistency(from, size, consistency, tree.root(from), tree.root(size))).toBe(true);
          if (from < size) {
            expect(await verifyConsistency(from, size, consistency, tree.root(size), tree.root(size))).toBe(false);
            const bent = consistency.map((hash, i) => (i === 0 ? sha(hash) : hash));
            expect(await verifyConsistency(from, size, bent, tree.root(from), tree.root(size))).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keeps every hash it is given, across its growing first buffer and the full-size ones after it", () => {
    const hashes = new HashList();
    const hashOf = (i: number) => sha(Buffer.from(String(i)));
    for (let i = 0; i < 140_000; i++) hashes.push(hashOf(i));
    expect(hashes.length).toBe(140_000);
    for (const i of [0, 15, 16, 17, 1023, 65_535, 65_536, 65_537, 131_071, 131_072, 139_999])
      expect(hashes.at(i), `hash ${i}`).toEqual(hashOf(i));
  });

  it("refuses sizes and indexes outside the tree with a RangeError", () => {
    const tree = treeOf(leavesOf(5));
    expect(() => tree.root(6)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(4, 3)).toThrow(RangeError);
  });
});
