import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hex, noteKeyHash, noteTextProblem, openNote, type NoteKey } from "../../src/evidence/signedNote.ts";
import { ed25519PublicKey, signNote } from "../../src/evidence/signNote.ts";

/** The published vector of golang.org/x/mod's sumdb/note tests (source and licence in the fixture). */
const go = JSON.parse(readFileSync("tests/fixtures/signed-note/go-sumdb-note.json", "utf8")) as {
  signerKey: string;
  verifierKey: string;
  otherVerifierKey: string;
  text: string;
  note: string;
  otherSignatureLine: string;
};

/** A Go verifier key, "name+keyhash+base64(0x01 ‖ public key)", as a NoteKey. */
function goVerifierKey(vkey: string): NoteKey & { keyHash: string } {
  // The base64 may hold a "+" of its own: split off the first two fields only.
  const [name = "", keyHash = "", ...key] = vkey.split("+");
  const bytes = Buffer.from(key.join("+"), "base64");
  expect(bytes[0]).toBe(0x01); // Ed25519
  return { name, keyHash, publicKey: new Uint8Array(bytes.subarray(1)) };
}

/** A Go signer key, "PRIVATE+KEY+name+keyhash+base64(0x01 ‖ seed)", as a node:crypto private key. */
function goSignerKey(skey: string): KeyObject {
  const seed = Buffer.from(skey.split("+").slice(4).join("+"), "base64").subarray(1);
  // PKCS #8 of an Ed25519 seed: a fixed 16-byte prefix, then the 32 bytes.
  return createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]),
    format: "der",
    type: "pkcs8",
  });
}

const peter = goVerifierKey(go.verifierKey);
const enoch = goVerifierKey(go.otherVerifierKey);
const peterSignatureLine = go.note.slice(go.text.length + 1);

describe("signed notes against Go's sumdb/note vector", () => {
  it("computes the published key hashes", async () => {
    expect(hex(await noteKeyHash(peter.name, peter.publicKey))).toBe(peter.keyHash);
    expect(hex(await noteKeyHash(enoch.name, enoch.publicKey))).toBe(enoch.keyHash);
  });

  it("signs the text byte for byte as Go does", () => {
    const key = goSignerKey(go.signerKey);
    expect(Buffer.from(ed25519PublicKey(key))).toEqual(Buffer.from(peter.publicKey));
    expect(signNote(go.text, "PeterNeumann", key)).toBe(go.note);
  });

  it("opens Go's note with its key and returns the text", async () => {
    expect(await openNote(go.note, [peter])).toEqual({ ok: true, text: go.text, key: peter });
  });

  it("passes over a signature by a key it was not given, and needs one by a key it was", async () => {
    const twice = go.note + go.otherSignatureLine;
    expect(await openNote(twice, [peter])).toMatchObject({ ok: true, text: go.text });
    expect(await openNote(twice, [enoch])).toMatchObject({ ok: true, text: go.text, key: enoch });
    const other = await openNote(go.note, [enoch]);
    expect(other).toEqual({
      ok: false,
      reason: "unknown-key",
      problem:
        'The signed note is not signed by any of the keys given: it carries signatures by PeterNeumann (key hash c74f20a3); the keys given sign as "EnochRoot". It was signed by another key, or these are not the keys of the log that signed it.',
    });
    // The same key under another name is another key: the name is part of the key hash.
    expect(await openNote(go.note, [{ ...peter, name: "PeterNeuman" }])).toMatchObject({ reason: "unknown-key" });
    expect(await openNote(go.note, [])).toMatchObject({ reason: "unknown-key" });
  });

  it("fails a note whose text or signature was changed", async () => {
    const altered = go.note.replace("cryptography", "cryptographY");
    const expected = {
      ok: false,
      reason: "bad-signature",
      problem:
        "The signed note's signature by PeterNeumann does not match its text: the text was changed after it was signed.",
    };
    expect(await openNote(altered, [peter])).toEqual(expected);
    // Go's own case: four characters inserted into the signature.
    const inserted = go.text + "\n" + peterSignatureLine.slice(0, 60) + "ABCD" + peterSignatureLine.slice(60);
    expect(await openNote(inserted, [peter])).toEqual(expected);
    const kid = await openNote(altered, [{ ...peter, kid: "2026-01" }]);
    expect(kid.ok || kid.problem).toContain("by PeterNeumann (key 2026-01)");
  });

  // Go's "invalid encoded message syntax" cases, and more, each with what is wrong.
  const malformed: [string, string, string][] = [
    ["the bare text", go.text, "has no blank line before its signatures"],
    ["the text and a blank line", go.text + "\n", "has nothing after the blank line"],
    ["a signature line cut short", go.note.slice(0, -1), "does not end with a newline after its last signature line"],
    ["a control character", "\x01" + go.note, "line 1 contains a control character (U+0001)"],
    [
      "Windows line endings",
      go.note.replaceAll("\n", "\r\n"),
      "line 1 contains a carriage return (Windows line endings)",
    ],
    ["a lone surrogate", "\ud800" + go.note, "contains text that is not valid Unicode"],
    [
      "a name with a space",
      go.text +
        "\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
      "has a signature line (the 1st) that has a signature that is not base64",
    ],
    ["a line after the signatures", go.note + "Unexpected line.\n", 'the 2nd) that does not start with "— "'],
    [
      "a hyphen for the dash",
      go.note.replace("—", "-"),
      'the 1st) that does not start with "— " (an em dash and a space)',
    ],
    ["no signature after the name", `${go.text}\n— PeterNeumann\n`, "(no space between the name and the signature)"],
    ["a plus in the name", `${go.text}\n— Peter+Neumann AAAAAAA=\n`, 'names its key with a name that contains a "+"'],
    ["a signature too short", `${go.text}\n— PeterNeumann AAAA\n`, "too short to hold a key hash and a signature"],
    ["101 signatures", go.text + "\n" + peterSignatureLine.repeat(101), "has 101 signatures, more than 100"],
  ];
  it.each(malformed)("says what is wrong with a note that has %s", async (_, note, message) => {
    const opened = await openNote(note, [peter]);
    expect(opened).toMatchObject({ ok: false, reason: "malformed" });
    expect(opened.ok || opened.problem).toMatch(/^The signed note is malformed: it /);
    expect(opened.ok || opened.problem).toContain(message);
  });
});

describe("signed notes with this project's keys", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const key: NoteKey = { name: "aup.kestrel.example/log", publicKey: ed25519PublicKey(publicKey), kid: "k1" };

  it("round-trips any text that ends with a newline", async () => {
    // Any line a note may hold: no control characters.
    const line = fc.string({ unit: "grapheme", maxLength: 30 }).filter((s) => noteTextProblem(s) === undefined);
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 5 }), async (lines) => {
        const text = `${lines.join("\n")}\n`;
        expect(await openNote(signNote(text, key.name, privateKey), [key])).toEqual({ ok: true, text, key });
      }),
      { numRuns: 50 },
    );
  });

  it("refuses to sign what no reader could open", () => {
    expect(() => signNote("no newline", key.name, privateKey)).toThrow("A note's text ends with a newline.");
    expect(() => signNote("a\tb\n", key.name, privateKey)).toThrow("line 1 contains a control character (U+0009)");
    expect(() => signNote("a\n", "a b", privateKey)).toThrow('key name "a b" contains a space');
    expect(() => signNote("a\n", key.name, publicKey)).toThrow("A note is signed with a private key.");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    expect(() => signNote("a\n", key.name, rsa)).toThrow("Ed25519 keys, not rsa keys");
  });
});
