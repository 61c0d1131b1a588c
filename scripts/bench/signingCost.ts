import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openRecordsStore } from "../../src/records/recordsStore.ts";
import { signedReceipt } from "../../src/server/signedReceipt.ts";
import { acknowledgement } from "../harness/acknowledgementFixture.ts";

export interface SigningFigures {
  acknowledgements: number;
  concurrency: number;
  /** Acknowledgements per second with the journal alone: appended, synced, nothing signed. */
  unsigned: number;
  /** The same with what the server does for each answer: a checkpoint covering it (signed once per group commit, saved before the answer) and a signed receipt. */
  signed: number;
  /** Checkpoints signed during the signed run: one per group commit that answered someone. */
  checkpoints: number;
}

/**
 * The cost of signing, measured at the store (so the HTTP layer's own cost does not hide it): the same
 * realistic acknowledgements, `concurrency` at a time, into a fresh data folder each, without and with
 * a checkpoint and a receipt per answer. Same run, same machine.
 */
export async function signingCost(count: number, concurrency = 32): Promise<SigningFigures> {
  const run = async (signing: boolean) => {
    const dir = mkdtempSync(path.join(tmpdir(), "aup-bench-signing-"));
    const store = await openRecordsStore(dir, () => undefined);
    let next = 1;
    let checkpoints = 0;
    let lastSize = -1;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next <= count) {
          const outcome = await store.acknowledge(acknowledgement(next++));
          if (!signing || "conflict" in outcome) continue;
          await signedReceipt(store, outcome.record.seq);
          const { size } = await store.checkpoint();
          if (size !== lastSize) [checkpoints, lastSize] = [checkpoints + 1, size];
        }
      }),
    );
    const perSecond = Math.round(count / ((performance.now() - started) / 1000));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    return { perSecond, checkpoints };
  };
  await run(true); // warm-up: the first signatures pay for loading the crypto code
  const unsigned = await run(false);
  const signed = await run(true);
  return {
    acknowledgements: count,
    concurrency,
    unsigned: unsigned.perSecond,
    signed: signed.perSecond,
    checkpoints: signed.checkpoints,
  };
}

export function signingSection(figures: SigningFigures): string {
  const share = (100 * (1 - figures.signed / figures.unsigned)).toFixed(0);
  return `## The cost of signing

${figures.acknowledgements.toLocaleString("en-GB")} realistic acknowledgements, ${figures.concurrency} at a time, into an empty store
(\`scripts/bench/signingCost.ts\`, at the store so that HTTP does not hide the cost), in the same run:
without signing (appended and synced only), and with what the server does for every answer (a checkpoint
covering the record, signed with Ed25519 once per group commit and saved before the answer, and a
signed receipt with its inclusion proof).

| | acknowledgements per second |
| --- | ---: |
| journal only | ${figures.unsigned.toLocaleString("en-GB")} |
| with checkpoints and receipts | ${figures.signed.toLocaleString("en-GB")} (${figures.checkpoints.toLocaleString("en-GB")} checkpoints signed) |

Signing costs ${share}% of the throughput here; the acknowledgements over HTTP above include it.
`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(signingSection(await signingCost(Number(process.argv[2] ?? 5000))));
