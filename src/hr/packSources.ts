import { readFile } from "node:fs/promises";
import { canonicalPolicyText } from "../policy/hash.ts";
import type { Policy } from "../policy/types.ts";
import { dataFiles } from "../records/dataFiles.ts";
import { readFailure } from "../records/readFailure.ts";
import { StoreError } from "../records/storeError.ts";
import type { Employee } from "../schemas/employee.ts";
import type { EvidenceSources } from "./evidencePack.ts";
import type { Release } from "../schemas/release.ts";
import { releaseRules } from "./releaseRules.ts";
import { statusRules } from "./status.ts";

/**
 * What an evidence pack of the data folder `dir` is made from: its journal, its latest checkpoint,
 * the public keys, the roster and the published policy. The same for the CLI and the dashboard.
 */
export async function packSources(
  dir: string,
  parts: {
    jwks: { keys: unknown[] };
    roster: readonly Employee[];
    policy: Policy;
    /** The recorded releases: who owes an update, and which texts still count (minor releases). */
    releases: readonly Release[];
    warn: (message: string) => void;
  },
): Promise<EvidenceSources> {
  const files = dataFiles(dir);
  let checkpoint: string;
  try {
    checkpoint = await readFile(files.checkpoint, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new StoreError(
        "unreadable",
        `${files.checkpoint} does not exist: the server has signed no checkpoint in this data folder yet. Start it once (npm start), which signs one, then make the pack.`,
      );
    throw readFailure(files.checkpoint, error);
  }
  const { policy } = parts;
  return {
    journal: files.journal,
    checkpoint,
    jwks: parts.jwks,
    roster: parts.roster,
    policy: { version: policy.version, hash: policy.hash, text: canonicalPolicyText(policy.sections) },
    rules: statusRules(policy, new Date().toISOString().slice(0, 10), releaseRules(parts.releases, policy)),
    warn: parts.warn,
  };
}
