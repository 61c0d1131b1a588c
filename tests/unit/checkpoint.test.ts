import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckpointError, formatCheckpoint, parseCheckpoint } from "../../src/evidence/checkpoint.ts";

const root = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const rootBase64 = Buffer.from(root).toString("base64");
const origin = "aup.kestrel.example/acknowledgements";

describe("checkpoint body (c2sp.org tlog-checkpoint)", () => {
  it("writes origin, size and base64 root, one a line", () => {
    expect(formatCheckpoint({ origin, size: 42, root })).toBe(`${origin}\n42\n${rootBase64}\n`);
  });

  it("reads back what it writes, for any size and root", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (size, bytes) => {
          const parsed = parseCheckpoint(formatCheckpoint({ origin, size, root: bytes }));
          expect(parsed).toEqual({ origin, size, root: bytes, extensions: [] });
        },
      ),
    );
  });

  it("keeps extension lines, which the format allows after the root", () => {
    expect(parseCheckpoint(`${origin}\n3\n${rootBase64}\nTimestamp: 1\n`).extensions).toEqual(["Timestamp: 1"]);
  });

  it("refuses to write a checkpoint no reader could take", () => {
    expect(() => formatCheckpoint({ origin: "a b", size: 1, root })).toThrow('origin "a b" contains a space');
    expect(() => formatCheckpoint({ origin: "a+b", size: 1, root })).toThrow('contains a "+"');
    expect(() => formatCheckpoint({ origin: "", size: 1, root })).toThrow("is empty");
    expect(() => formatCheckpoint({ origin, size: -1, root })).toThrow("whole number of records, not -1");
    expect(() => formatCheckpoint({ origin, size: 1.5, root })).toThrow("not 1.5");
    expect(() => formatCheckpoint({ origin, size: 1, root: root.slice(1) })).toThrow("32 bytes (SHA-256), not 31");
  });

  const good = `${origin}\n7\n${rootBase64}\n`;
  const cases: [string, string, string][] = [
    ["empty", "", "it is empty"],
    ["cut short", good.slice(0, -1), "its last line does not end with a newline"],
    ["two lines", `${origin}\n7\n`, "it has 2 lines, where a checkpoint has at least 3 (origin, tree size, root hash)"],
    ["Windows line endings", good.replaceAll("\n", "\r\n"), "line 1 contains a carriage return (Windows line endings)"],
    ["a tab", `${origin}\n7\t\n${rootBase64}\n`, "line 2 contains a control character"],
    ["empty origin", `\n7\n${rootBase64}\n`, "line 1, the origin (the log's name), is empty"],
    ["origin with a space", `aup log\n7\n${rootBase64}\n`, "line 1, the origin (the log's name), contains a space"],
    ["origin with a plus", `aup+log\n7\n${rootBase64}\n`, 'line 1, the origin (the log\'s name), contains a "+"'],
    ["size in words", `${origin}\nseven\n${rootBase64}\n`, 'line 2, the tree size, is "seven", not a whole number'],
    ["leading zero", `${origin}\n07\n${rootBase64}\n`, 'line 2, the tree size, is "07", not a whole number'],
    ["negative size", `${origin}\n-7\n${rootBase64}\n`, 'line 2, the tree size, is "-7"'],
    ["huge size", `${origin}\n18446744073709551615\n${rootBase64}\n`, "is larger than any journal this log can hold"],
    ["root not base64", `${origin}\n7\nnot base64!\n`, 'line 3, the root hash, "not base64!", is not base64'],
    [
      "root without padding",
      `${origin}\n7\n${rootBase64.replace(/=+$/, "")}\n`,
      "is not base64 as the format writes it",
    ],
    ["short root", `${origin}\n7\n${Buffer.alloc(20).toString("base64")}\n`, "line 3, the root hash, is 20 bytes"],
    ["a signed note", `${good}\n— ${origin} AAAA\n`, "line 4 is empty"],
  ];
  it.each(cases)("says what is wrong with a checkpoint that is %s", (_, text, message) => {
    let error: unknown;
    try {
      parseCheckpoint(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as Error).message).toMatch(/^This checkpoint cannot be read: /);
    expect((error as Error).message).toContain(message);
    // Every message ends with what to do.
    expect((error as Error).message).toMatch(/(unedited|dos2unix\)|open the note first)\.$/);
  });
});
