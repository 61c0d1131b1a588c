import { readFileSync, writeFileSync } from "node:fs";
import { dataFiles } from "../../src/records/dataFiles.ts";
import { openPostgresStore } from "../../src/records/pgRecordsStore.ts";
import type { AcknowledgementRecord } from "../../src/records/record.ts";
import { openRecordsStore, type RecordsStore } from "../../src/records/recordsStore.ts";
import { rechainedLines } from "../support/journalTampering.ts";
import { adminClient, freshDatabase } from "../support/postgres.ts";
import { dataDir } from "../support/records.ts";

/** Where a store keeps its records: a data folder, and for PostgreSQL a database too. */
export interface Place {
  dir: string;
  url?: string;
}

/**
 * One kind of records store as the conformance suite drives it: how to make an empty one, open it,
 * and read or rewrite what it holds underneath the store (as someone with the files or the
 * database could), so that every test runs unchanged against each kind.
 */
export interface StoreKind {
  name: string;
  place(): Promise<Place>;
  open(place: Place, warn?: (message: string) => void): Promise<RecordsStore>;
  /** The stored lines, oldest first, read underneath the store. */
  lines(place: Place): Promise<string[]>;
  /** Replaces the stored records by `change` of them, renumbered and re-chained as a forger would. */
  rewrite(place: Place, change: (records: AcknowledgementRecord[]) => AcknowledgementRecord[]): Promise<void>;
}

const embedded: StoreKind = {
  name: "embedded",
  place: () => Promise.resolve({ dir: dataDir() }),
  open: ({ dir }, warn) => openRecordsStore(dir, warn ?? (() => undefined)),
  lines: ({ dir }) => Promise.resolve(readFileSync(dataFiles(dir).journal, "utf8").split("\n").filter(Boolean)),
  rewrite: async ({ dir }, change) => {
    const lines = rechainedLines(
      change((await embedded.lines({ dir })).map((line) => JSON.parse(line) as AcknowledgementRecord)),
    );
    writeFileSync(dataFiles(dir).journal, lines.map((line) => `${line}\n`).join(""));
  },
};

const postgres: StoreKind = {
  name: "postgres",
  place: async () => ({ dir: dataDir(), url: await freshDatabase() }),
  open: ({ dir, url }, warn) => openPostgresStore(url as string, dir, warn ?? (() => undefined)),
  lines: async ({ url }) => {
    const client = await adminClient(url);
    try {
      return (await client.query<{ line: string }>("SELECT line FROM records ORDER BY seq")).rows.map((r) => r.line);
    } finally {
      await client.end();
    }
  },
  rewrite: async (place, change) => {
    const records = change((await postgres.lines(place)).map((line) => JSON.parse(line) as AcknowledgementRecord));
    const client = await adminClient(place.url);
    try {
      // The table refuses changes to any client; its owner can switch that off, as a forger with it would.
      await client.query("BEGIN");
      await client.query("ALTER TABLE records DISABLE TRIGGER records_append_only");
      await client.query("DELETE FROM records");
      for (const line of rechainedLines(records)) {
        const record = JSON.parse(line) as AcknowledgementRecord;
        await client.query("INSERT INTO records (seq, attempt_id, prev_hash, hash, line) VALUES ($1, $2, $3, $4, $5)", [
          record.seq,
          record.result.attemptId,
          record.prevHash,
          record.hash,
          line,
        ]);
      }
      await client.query("ALTER TABLE records ENABLE TRIGGER records_append_only");
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
  },
};

export const STORE_KINDS: readonly StoreKind[] = [embedded, postgres];
