/** What the README of an evidence pack needs to know of it. */
export interface PackFacts {
  origin: string;
  size: number;
  policy: { version: string; hash: string };
  policyFile: string;
  employees: number;
}

/**
 * The evidence pack's README: for an auditor who has the pack and nothing of the system, how to
 * check each part, with the project's commands or with standard tools.
 */
export function evidenceReadme({ origin, size, policy, policyFile, employees }: PackFacts): string {
  return `# Evidence pack: acknowledgements of the Acceptable Use Policy for Claude

Made ${new Date().toISOString()} from the records log \`${origin}\`. It holds the ${size} records of the
latest signed checkpoint, and the status of the ${employees} employees on the roster at that time.

| file | what it is |
| --- | --- |
| \`checkpoint.txt\` | the signed tree head: the log's name, the number of records and the Merkle root, signed with Ed25519 (c2sp.org tlog-checkpoint and signed-note formats) |
| \`jwks.json\` | the public keys that check the checkpoint and every receipt: the current one and any retired ones |
| \`records/acknowledgements.jsonl\` | every record, one JSON object a line, byte for byte as the server's journal holds it |
| \`records/acknowledgements.csv\` | the same records as a spreadsheet (cells that could be formulas start with an apostrophe) |
| \`roster/status.csv\` | each roster employee's status: complete, due, overdue or left, with the due date, days overdue, the last record and flags (self-asserted, or a name, email or id that differs from the roster) |
| \`roster/unmatched.csv\` | learners whose records count for no roster employee, and why |
| \`${policyFile}\` | the text of policy ${policy.version}, as its hash covers it |
| \`policy/versions.csv\` | every policy version the records acknowledge, with its SHA-256 |
| \`reminders/sends.jsonl\` | every reminder email the servers claimed, sent or failed to send (employee, kind, address, time), one JSON object a line: who was chased and when |
| \`SHA256SUMS\` | the SHA-256 of every other file |

## 1. Nothing in the pack was changed

    sha256sum -c SHA256SUMS

Compare \`checkpoint.txt\` with a checkpoint you were given earlier (or fetched from the site's
\`/api/checkpoint\`): the check in step 3 proves the pack's records extend it.

## 2. The policy text is the one acknowledged

    sha256sum ${policyFile}

gives \`${policy.hash}\`, the \`policy.hash\` in every record of version ${policy.version}
(\`policy/versions.csv\` lists each version's hash).

## 3. The records are the log the checkpoint signed

With the aup-course project (any copy: \`git clone\`, \`npm install\`), from this folder:

    npm run verify -- --journal records/acknowledgements.jsonl --checkpoint checkpoint.txt --jwks jwks.json

It checks the hash chain (each record's \`hash\` is SHA-256 of the previous hash, a newline and the
record without \`hash\` in canonical JSON), the checkpoint's signature, and that the records make
exactly the Merkle tree the checkpoint signed: nothing removed, edited, inserted or reordered.

With standard tools: the tree is RFC 9162's. Each leaf is SHA-256 of a zero byte followed by one
line of \`acknowledgements.jsonl\` without its newline; each node is SHA-256 of a one byte, the left
hash and the right hash; the root is the third line of \`checkpoint.txt\`, in base64. The signature
line, after the blank line, is "— name base64(key hash ‖ Ed25519 signature)" over the text before
the blank line; the public key is \`x\` (base64url) of the key in \`jwks.json\`.

## 4. A learner's receipt

A learner's receipt (\`ack-….jws\`, from their receipt page) is a JWS signed with a key of
\`jwks.json\`. Check it with

    npm run verify-receipt -- ack-000001-receipt.jws --jwks jwks.json

or open the site's \`/verify\` page (it works offline, saved to disk), or with any JWS library
(\`alg\` Ed25519): its payload holds the record's journal line, the checkpoint it is in and the
inclusion proof, so it can be matched to the line in \`acknowledgements.jsonl\`.
`;
}
