// `npm run verify-receipt -- [FILE|-] --jwks FILE|URL`: checks a signed acknowledgement receipt
// (a .jws file, or the JWS on standard input) against the site's public keys, offline but for
// fetching them when given a URL. Exit 0 and who acknowledged what and when when it verifies; 1
// with what is wrong when it does not; 2 when the flags or the files are wrong.
import { text } from "node:stream/consumers";
import { parseArgs } from "node:util";
import { KeysSourceError, readInputFile, readPublicKeysSource } from "../src/evidence/publicKeysSource.ts";
import { receiptFacts } from "../src/evidence/receiptFacts.ts";
import { verifyReceipt } from "../src/evidence/verifyReceipt.ts";

const USAGE =
  "Usage: npm run verify-receipt -- [RECEIPT.jws|-] --jwks jwks.json|https://your-site/.well-known/jwks.json\n" +
  "  Without a file (or with -), the receipt is read from standard input.";

function fail(message: string, code = 2): never {
  console.error(code === 2 ? `${message}\n${USAGE}` : message);
  process.exit(code);
}

let jwksSource: string | undefined;
let positionals: string[];
try {
  const parsed = parseArgs({ options: { jwks: { type: "string" } }, allowPositionals: true, strict: true });
  jwksSource = parsed.values.jwks;
  positionals = parsed.positionals;
} catch (error) {
  fail((error as Error).message);
}
if (!jwksSource)
  fail("--jwks is required: the site's public keys, as a file or the URL of its /.well-known/jwks.json.");
if (positionals.length > 1) fail(`One receipt at a time: got ${positionals.length} files (${positionals.join(", ")}).`);
const [file = "-"] = positionals;

async function input<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof KeysSourceError) fail(error.message);
    throw error;
  }
}

const receipt = file === "-" ? await text(process.stdin) : await input(() => readInputFile(file, "the receipt"));
if (receipt.trim() === "")
  fail(file === "-" ? "Standard input was empty: pipe a receipt in, or name its file." : `${file} is empty.`);
const jwks = await input(() => readPublicKeysSource(jwksSource));

const verified = await verifyReceipt(receipt, jwks);
if (!verified.ok) fail(`${file === "-" ? "The receipt" : file} does not verify. ${verified.problem}`, 1);
const facts = receiptFacts(verified);
const width = Math.max(...facts.map(([label]) => label.length)) + 1;
console.log(
  `${file === "-" ? "The receipt" : file} verifies: it and its checkpoint are signed with the public keys given, and the record is in the log.`,
);
for (const [label, value] of facts) console.log(`  ${`${label}:`.padEnd(width)} ${value}`);
