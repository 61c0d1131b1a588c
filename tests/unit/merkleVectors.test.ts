import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyConsistency, verifyInclusion } from "../../src/evidence/merkleVerify.ts";

// transparency-dev/merkle's published proof vectors (Apache-2.0; see the folder's README and LICENSE).
const VECTORS = path.resolve("tests/fixtures/transparency-dev-merkle");

function vectors<T>(kind: "inclusion" | "consistency"): [name: string, vector: T][] {
  const dir = path.join(VECTORS, kind);
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => [file, JSON.parse(readFileSync(path.join(dir, file), "utf8")) as T]);
}

interface Inclusion {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface Consistency {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));
const proofOf = (proof: string[] | null) => (proof ?? []).map(bytes);
// Two vectors hold the index 2^64 - 1, which JSON.parse rounds: it stays an unsafe integer, refused either way.

describe("the transparency-dev/merkle proof vectors", () => {
  const inclusion = vectors<Inclusion>("inclusion");
  const consistency = vectors<Consistency>("consistency");

  it("are all there: 98 inclusion and 97 consistency vectors, each good one with bad ones beside it", () => {
    expect([inclusion.length, consistency.length]).toEqual([98, 97]);
    expect(inclusion.filter(([, v]) => !v.wantErr).length).toBe(6);
    expect(consistency.filter(([, v]) => !v.wantErr).length).toBe(7);
  });

  it.each(inclusion)("inclusion %s", async (_, v) => {
    const verified = await verifyInclusion(bytes(v.leafHash), v.leafIdx, v.treeSize, proofOf(v.proof), bytes(v.root));
    expect(verified).toBe(!v.wantErr);
  });

  it.each(consistency)("consistency %s", async (_, v) => {
    const verified = await verifyConsistency(v.size1, v.size2, proofOf(v.proof), bytes(v.root1), bytes(v.root2));
    expect(verified).toBe(!v.wantErr);
  });
});
