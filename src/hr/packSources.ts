import { canonicalPolicyText } from "../policy/hash.ts";
import type { Policy } from "../policy/types.ts";
import type { StoredRecords } from "../records/storedRecords.ts";
import { StoreError } from "../records/storeError.ts";
import type { EvidenceSources } from "./evidencePack.ts";
import type { Release } from "../schemas/release.ts";
import { releaseRules } from "./releaseRules.ts";
import { statusRules } from "./status.ts";

/** What a pack reads of a store: its records as stored, latest checkpoint, roster and sends. */
export type PackedStore = Pick<StoredRecords, "where" | "lines" | "checkpoint" | "roster" | "sends">;

/**
 * What an evidence pack of `records` is made from (a data folder's or a database's): the records its
 * latest checkpoint covers, that checkpoint, the public keys, the roster, the reminders' sends and
 * the published policy. The same for the CLI and the dashboard.
 */
export async function packSources(
  records: PackedStore,
  parts: {
    jwks: { keys: unknown[] };
    policy: Policy;
    /** The recorded releases: who owes an update, and which texts still count (minor releases). */
    releases: readonly Release[];
    warn: (message: string) => void;
  },
): Promise<EvidenceSources> {
  const checkpoint = await records.checkpoint();
  if (checkpoint === undefined)
    throw new StoreError(
      "unreadable",
      `No checkpoint was signed beside ${records.where} yet: start the server once (npm start), which signs one, then make the pack.`,
    );
  const sendsLines = await records.sends();
  const sends = await sendsLines.readNew().finally(() => sendsLines.close());
  const { policy } = parts;
  return {
    lines: (upTo) => records.lines(upTo),
    checkpoint,
    jwks: parts.jwks,
    roster: await records.roster(),
    policy: { version: policy.version, hash: policy.hash, text: canonicalPolicyText(policy.sections) },
    rules: statusRules(policy, new Date().toISOString().slice(0, 10), releaseRules(parts.releases, policy)),
    sends,
    warn: parts.warn,
  };
}
