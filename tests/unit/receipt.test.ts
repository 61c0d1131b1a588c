import { CompactSign, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { formatCheckpoint, parseCheckpoint } from "../../src/evidence/checkpoint.ts";
import { MerkleTree, recordLeafHash } from "../../src/evidence/merkleTree.ts";
import { receiptPayload, signReceipt } from "../../src/evidence/receipt.ts";
import type { ReceiptPayload } from "../../src/evidence/receiptFormat.ts";
import { signNote } from "../../src/evidence/signNote.ts";
import { verifyReceipt } from "../../src/evidence/verifyReceipt.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { otherKeyring, signedJournal, type SignedJournal } from "../support/receipts.ts";

// Seven records: a tree that is not a power of two, so proofs of both lengths are exercised.
let journal: SignedJournal;
beforeAll(async () => {
  journal = await signedJournal(7);
});

const verify = (receipt: string, jwks: unknown = journal.keyring.jwks) => verifyReceipt(receipt, jwks);
/** The problem verification finds (the test fails if it finds none). */
async function problemWith(receipt: string, jwks?: unknown): Promise<string> {
  const verified = await verify(receipt, jwks);
  if (verified.ok) throw new Error("the receipt verified, but should not have");
  return verified.problem;
}
/** A payload altered by `change` and signed again with the site's own key. */
function resigned(change: (payload: ReceiptPayload) => void, i = 2): Promise<string> {
  const payload = structuredClone(journal.payload(i));
  change(payload);
  return signReceipt(payload, journal.keyring.current);
}

describe("signed receipts", () => {
  it("verifies every record's receipt with the JWKS and says who acknowledged what and when", async () => {
    for (const [i, line] of journal.lines.entries()) {
      const record = JSON.parse(line) as AcknowledgementRecord;
      const verified = await verify(await journal.receipt(i));
      expect(verified).toEqual({
        ok: true,
        summary: {
          id: record.id,
          seq: i + 1,
          learner: {
            id: record.learner.id,
            name: record.learner.name,
            email: record.learner.email,
            selfAsserted: true,
          },
          policy: record.policy,
          result: {
            mode: "onboarding",
            score: record.result.score,
            passed: true,
            attemptId: record.result.attemptId,
          },
          recordedAt: record.recordedAt,
          hash: record.hash,
        },
        checkpoint: { origin: journal.keyring.origin, size: 7 },
        kid: journal.keyring.current.kid,
      });
    }
  });

  it("is a compact JWS with the RFC 9864 algorithm, the receipt type and the key id", async () => {
    const receipt = await journal.receipt(0);
    expect(decodeProtectedHeader(receipt)).toEqual({
      alg: "Ed25519",
      typ: "aup-receipt+jws",
      kid: journal.keyring.current.kid,
    });
    const payload = JSON.parse(Buffer.from(receipt.split(".")[1] ?? "", "base64url").toString()) as ReceiptPayload;
    expect(payload.line).toBe(journal.lines[0]);
    expect(payload.checkpoint).toBe(journal.note);
    expect(Object.keys(payload)).toEqual(["v", "record", "line", "inclusion", "checkpoint"]);
  });

  it("takes the receipt with whitespace around it, as a saved file has it", async () => {
    expect(await verify(`\n  ${await journal.receipt(3)}\r\n`)).toMatchObject({ ok: true });
  });

  it("fails after any byte of its payload changes", async () => {
    const [header, payload, signature] = (await journal.receipt(4)).split(".") as [string, string, string];
    const bytes = Buffer.from(payload, "base64url");
    const problems = new Set<string>();
    for (let at = 0; at < bytes.length; at++) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] as number) ^ ((at % 255) + 1);
      const verified = await verify(`${header}.${altered.toString("base64url")}.${signature}`);
      if (verified.ok) throw new Error(`the receipt still verified with byte ${at} of ${bytes.length} changed`);
      problems.add(verified.problem);
    }
    expect(bytes.length).toBeGreaterThan(3000);
    expect([...problems]).toEqual([
      `The receipt's signature does not match its content (key ${journal.keyring.current.kid}): it was altered after it was signed, or it was not issued by this site.`,
    ]);
  });

  it("fails with another site's keys, and with another key under the same id", async () => {
    const receipt = await journal.receipt(1);
    const other = otherKeyring();
    expect(await problemWith(receipt, other.jwks)).toBe(
      `The receipt is signed by another key: its key id ${journal.keyring.current.kid} is not among the public keys given (${other.current.kid}). Use this site's public keys (/.well-known/jwks.json, or the evidence pack); if they are, the receipt was not issued by this site.`,
    );
    const impostor = { keys: [{ ...other.jwks.keys[0], kid: journal.keyring.current.kid }] };
    expect(await problemWith(receipt, impostor)).toMatch(/^The receipt's signature does not match its content/);
  });

  it("fails a receipt signed by another key that claims this site's key id", async () => {
    const other = otherKeyring();
    const forged = await signReceipt(journal.payload(1), { ...other.current, kid: journal.keyring.current.kid });
    expect(await problemWith(forged)).toMatch(/^The receipt's signature does not match its content/);
  });

  it("finds a changed record line even when the receipt is signed again", async () => {
    const renamed = (line: string) => line.replace('"name":"Learner 3"', '"name":"Someone Else"');
    expect(renamed(journal.lines[2] ?? "")).not.toBe(journal.lines[2]);
    // The line alone: its summary no longer says what the line says.
    expect(
      await problemWith(
        await resigned((payload) => {
          payload.line = renamed(payload.line);
        }),
      ),
    ).toBe(
      "The receipt's summary of the record (who, which policy, what result, when) differs from the record's journal line it carries: the receipt was put together wrongly or altered.",
    );
    // The line and its summary together: the line is no longer the one in the log.
    expect(
      await problemWith(
        await resigned((payload) => {
          payload.line = renamed(payload.line);
          payload.record.learner.name = "Someone Else";
        }),
      ),
    ).toBe(
      `The record is not in the log: its inclusion proof does not lead to the root of the checkpoint (${journal.keyring.origin}, 7 records). The record or the proof was altered, or the record was never part of that journal.`,
    );
  });

  it("finds a changed inclusion proof", async () => {
    const flipped = await resigned((payload) => {
      const hash = Buffer.from(payload.inclusion.hashes[1] ?? "", "base64");
      hash[0] = (hash[0] as number) ^ 1;
      payload.inclusion.hashes[1] = hash.toString("base64");
    });
    expect(await problemWith(flipped)).toMatch(/^The record is not in the log/);
    const shorter = await resigned((payload) => void payload.inclusion.hashes.pop());
    expect(await problemWith(shorter)).toMatch(/^The record is not in the log/);
    const elsewhere = await resigned((payload) => {
      payload.inclusion = journal.payload(3).inclusion;
    });
    expect(await problemWith(elsewhere)).toBe(
      "The record is number 3 of the journal, but the receipt's proof is for record 4: the receipt's parts do not belong together.",
    );
  });

  it("finds a proof for a tree of another size than the checkpoint's", async () => {
    // A real proof of record 3 in the journal's first five records, with the checkpoint of all seven.
    const tree = new MerkleTree();
    for (const line of journal.lines.slice(0, 5)) tree.append(recordLeafHash(line));
    const payload = receiptPayload(
      journal.lines[2] ?? "",
      { index: 2, size: 5, hashes: tree.inclusionProof(2) },
      journal.note,
    );
    expect(await problemWith(await signReceipt(payload, journal.keyring.current))).toBe(
      "The receipt's inclusion proof is for a journal of 5 records, but its checkpoint is of 7: the receipt's parts do not belong together.",
    );
    // With the checkpoint of those five records, signed, the same proof holds.
    const five = formatCheckpoint({ origin: journal.keyring.origin, size: 5, root: tree.root() });
    const note = signNote(five, journal.keyring.origin, journal.keyring.current.privateKey);
    expect(await verify(await signReceipt({ ...payload, checkpoint: note }, journal.keyring.current))).toMatchObject({
      ok: true,
      checkpoint: { size: 5 },
    });
  });

  it("finds a changed checkpoint, and one signed by another key", async () => {
    const { origin, root } = parseCheckpoint(journal.note.slice(0, journal.note.indexOf("\n\n") + 1));
    const grown = await resigned((payload) => {
      payload.checkpoint = payload.checkpoint.replace(`\n7\n`, "\n8\n");
    });
    expect(await problemWith(grown)).toMatch(
      /^The receipt's checkpoint was altered after it was signed: its signature does not match its text\./,
    );
    const other = otherKeyring();
    const foreign = await resigned((payload) => {
      payload.checkpoint = signNote(formatCheckpoint({ origin, size: 7, root }), origin, other.current.privateKey);
    });
    expect(await problemWith(foreign)).toMatch(
      /^The receipt's checkpoint is signed by another key: none of the public keys given signed it\./,
    );
    const unsigned = await resigned((payload) => {
      payload.checkpoint = formatCheckpoint({ origin, size: 7, root });
    });
    expect(await problemWith(unsigned)).toBe(
      "The receipt's checkpoint is damaged. The signed note is malformed: it has no blank line before its signatures, so it carries no signature.",
    );
    const notACheckpoint = await resigned((payload) => {
      payload.checkpoint = signNote("hello\n", origin, journal.keyring.current.privateKey);
    });
    expect(await problemWith(notACheckpoint)).toBe(
      "The receipt's checkpoint is damaged. This checkpoint cannot be read: it has 1 line, where a checkpoint has at least 3 (origin, tree size, root hash). Use the checkpoint exactly as the server published it (GET /api/checkpoint, or the evidence pack), unedited.",
    );
    const renamed = await resigned((payload) => {
      payload.checkpoint = payload.checkpoint.replace(`${origin}\n`, "other.example/log\n");
    });
    expect(await problemWith(renamed)).toMatch(/^The receipt's checkpoint is signed by another key/);
  });

  it("says what is wrong with content that is not a receipt's", async () => {
    const cases: [(payload: ReceiptPayload) => void, string][] = [
      [(p) => void Object.assign(p, { v: 2 }), "v is 2: this verifier reads version 1"],
      [(p) => void delete (p.record as Partial<typeof p.record>).recordedAt, "record.recordedAt is missing"],
      [(p) => void Object.assign(p.record.learner, { email: 7 }), "record.learner.email is 7, not text"],
      [(p) => void Object.assign(p.record.result, { score: 2 }), "record.result.score is 2, not a number from 0 to 1"],
      [(p) => void Object.assign(p.record, { seq: 1.5 }), "record.seq is 1.5, not a whole number of at least 1"],
      [(p) => void Object.assign(p, { extra: true }), 'the content has a field "extra" that receipts do not have'],
      [(p) => void Object.assign(p.inclusion, { hashes: ["AAAA"] }), "inclusion.hashes has a hash (number 1 of 1)"],
      [(p) => void Object.assign(p.inclusion, { index: 9 }), "inclusion.index is 9, outside a tree of 7 records"],
      [(p) => void (p.line += "\n"), "line holds more than one line"],
    ];
    for (const [change, message] of cases)
      expect(await problemWith(await resigned(change))).toContain(
        `The receipt's signature is valid, but its content is not a receipt this verifier reads: ${message}`,
      );
  });

  it("refuses what is not a receipt: not a JWS, another type of JWS, unusable keys", async () => {
    expect(await problemWith("not a receipt")).toMatch(/^This is not a receipt: a receipt is a compact JWS/);
    const jwt = await new CompactSign(new TextEncoder().encode("{}"))
      .setProtectedHeader({ alg: "Ed25519", typ: "JWT", kid: journal.keyring.current.kid })
      .sign(journal.keyring.current.privateKey);
    expect(await problemWith(jwt)).toBe(
      'This is not an acknowledgement receipt: its type is "JWT", where a receipt\'s is "aup-receipt+jws".',
    );
    const receipt = await journal.receipt(0);
    expect(await problemWith(receipt, "{")).toMatch(/^The public keys cannot be used: they are not valid JSON/);
    expect(await problemWith(receipt, { keys: [] })).toBe(
      "The public keys cannot be used: they hold no Ed25519 public key. Use the public keys exactly as published: the site's /.well-known/jwks.json, or jwks.json in the evidence pack.",
    );
    const short = { keys: [{ ...journal.keyring.jwks.keys[0], x: "AAAA" }] };
    expect(await problemWith(receipt, short)).toContain(`has an "x" that is not the base64url of a 32-byte`);
  });

  it("is built only from a record line as the journal holds it, at its place", () => {
    const proof = { index: 0, size: 7, hashes: [] };
    expect(() => receiptPayload(`${journal.lines[0]}\n`, proof, journal.note)).toThrow("without its newline");
    expect(() => receiptPayload(journal.lines[1] ?? "", proof, journal.note)).toThrow(
      "is number 2 in the journal, but the proof is for leaf 0 (record 1)",
    );
    expect(() => receiptPayload('{"seq":1}', proof, journal.note)).toThrow(
      "A receipt's line must be an acknowledgement record, and in this one id is missing.",
    );
    expect(() => receiptPayload("{", proof, journal.note)).toThrow(
      /^A receipt's line must be a journal record, and this is not JSON/,
    );
  });
});
