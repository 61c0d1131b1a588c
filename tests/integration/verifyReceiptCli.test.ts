import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otherKeyring, signedJournal, type SignedJournal } from "../support/receipts.ts";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run verify-receipt -- …args`, as a real child process, with `input` on its standard input. */
function verifyReceipt(args: string[], input = ""): Promise<Run> {
  const child = spawn(process.execPath, ["scripts/verifyReceipt.ts", ...args], { stdio: "pipe" });
  let [stdout, stderr] = ["", ""];
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

let journal: SignedJournal;
let dir: string;
let receiptFile: string;
let tamperedFile: string;
let jwksFile: string;
let server: Server;
let jwksUrl: string;
/** A port nothing listens on: one a server had, and gave back. */
let closedPort: number;
beforeAll(async () => {
  journal = await signedJournal(5);
  // Not a dataDir(): those are removed after each test, and these files serve them all.
  dir = mkdtempSync(path.join(tmpdir(), "aup-receipts-"));
  const receipt = await journal.receipt(3);
  receiptFile = path.join(dir, "receipt.jws");
  // As a browser saves a download: the JWS and a newline.
  writeFileSync(receiptFile, `${receipt}\n`);
  const [header, payload, signature] = receipt.split(".") as [string, string, string];
  const altered = Buffer.from(payload, "base64url").toString().replace("Learner 4", "Learner 9");
  tamperedFile = path.join(dir, "tampered.jws");
  writeFileSync(tamperedFile, `${header}.${Buffer.from(altered).toString("base64url")}.${signature}`);
  jwksFile = path.join(dir, "jwks.json");
  writeFileSync(jwksFile, JSON.stringify(journal.keyring.jwks, null, 2));
  // The site's JWKS route, as the CLI meets it over HTTP.
  server = createServer((request, response) => {
    if (request.url === "/.well-known/jwks.json") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(journal.keyring.jwks));
    } else response.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const record = () => JSON.parse(journal.lines[3] ?? "") as { id: string; recordedAt: string; hash: string };

describe("npm run verify-receipt", () => {
  it("prints who acknowledged what and when for a good receipt in a file, with a JWKS file", async () => {
    const run = await verifyReceipt([receiptFile, "--jwks", jwksFile]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const { id, recordedAt, hash } = record();
    expect(run.stdout).toContain(
      `${receiptFile} verifies: it and its checkpoint are signed with the public keys given`,
    );
    for (const fact of [
      "Name:                  Learner 4",
      "Email:                 learner4@kestrel.example",
      "Employee id:           e-1004",
      "Course:                onboarding course",
      "Passed:                yes",
      `Recorded at:           ${recordedAt}`,
      `Record:                ${id}, number 4 of the journal`,
      `Record hash:           ${hash}`,
      `Checkpoint:            ${journal.keyring.origin}, 5 records`,
      `Signing key id:        ${journal.keyring.current.kid}`,
    ])
      expect(run.stdout).toContain(`  ${fact}\n`);
    expect(run.stdout).toMatch(/ {2}Policy version: {8}\d+\.\d+\.\d+\n {2}Policy hash \(SHA-256\): [0-9a-f]{64}\n/);
    expect(run.stdout).toMatch(/ {2}Score: {17}\d+\.\d% \(0\.\d+\)\n/);
  });

  it("reads the receipt from standard input, with the JWKS from a URL", async () => {
    const receipt = await journal.receipt(3);
    for (const args of [
      ["--jwks", jwksUrl],
      ["-", "--jwks", jwksUrl],
    ]) {
      const run = await verifyReceipt(args, `  ${receipt}\r\n`);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^The receipt verifies: /);
      expect(run.stdout).toContain("  Name:                  Learner 4\n");
    }
  });

  it("exits 1 with what is wrong for a receipt that was altered, from a file and from standard input", async () => {
    const fromFile = await verifyReceipt([tamperedFile, "--jwks", jwksFile]);
    expect(fromFile).toEqual({
      status: 1,
      stdout: "",
      stderr: `${tamperedFile} does not verify. The receipt's signature does not match its content (key ${journal.keyring.current.kid}): it was altered after it was signed, or it was not issued by this site.\n`,
    });
    const fromStdin = await verifyReceipt(["--jwks", jwksUrl], await journal.receipt(0).then((r) => r.slice(0, -3)));
    expect(fromStdin.status).toBe(1);
    expect(fromStdin.stderr).toMatch(
      /^The receipt does not verify\. The receipt's signature does not match its content/,
    );
  });

  it("exits 1 when the keys are another site's", async () => {
    const other = path.join(dir, "other-jwks.json");
    writeFileSync(other, JSON.stringify(otherKeyring().jwks));
    const run = await verifyReceipt([receiptFile, "--jwks", other]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("does not verify. The receipt is signed by another key:");
  });

  it("exits 2 with the usage for wrong flags and inputs it cannot read", async () => {
    const usage = "Usage: npm run verify-receipt -- [RECEIPT.jws|-] --jwks";
    const cases: [string[], string][] = [
      [[receiptFile], "--jwks is required"],
      [[receiptFile, "--jwks", jwksFile, "--colour"], "Unknown option '--colour'"],
      [[receiptFile, receiptFile, "--jwks", jwksFile], "One receipt at a time: got 2 files"],
      [[path.join(dir, "missing.jws"), "--jwks", jwksFile], "missing.jws (the receipt) cannot be read (ENOENT)"],
      [[receiptFile, "--jwks", path.join(dir, "none.json")], "none.json (the public keys) cannot be read (ENOENT)"],
      [[receiptFile, "--jwks", jwksUrl.replace("jwks.json", "nothing")], "the server answered 404 Not Found"],
      [
        [receiptFile, "--jwks", `http://127.0.0.1:${closedPort}/.well-known/jwks.json`],
        "cannot be fetched (ECONNREFUSED)",
      ],
      [["--jwks", jwksFile], "Standard input was empty"],
    ];
    for (const [args, message] of cases) {
      const run = await verifyReceipt(args);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain(usage);
    }
  });
});
