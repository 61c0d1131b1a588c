import { describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/records/pgRecordsStore.ts";
import { CLAIM_TIMEOUT_MS, SendsJournal } from "../../src/reminders/sendsJournal.ts";
import { adminClient, freshDatabase } from "../support/postgres.ts";
import { dataDir } from "../support/records.ts";
import { STORE_KINDS } from "./storeKinds.ts";

const at = new Date("2026-02-17T09:00:00Z");
const what = { kind: "due", to: "ada@kestrel.example", employeeId: "E-1" };
const quiet = () => undefined;

describe.each(STORE_KINDS)("the reminders' sends journal on the $name store", (kind) => {
  it("gives each key to one of several passes claiming it at once, and remembers sends across a restart", async () => {
    const place = await kind.place();
    const store = await kind.open(place);
    const journals = await Promise.all([1, 2, 3].map(async () => SendsJournal.open(await store.sendsLines(), quiet)));
    for (let round = 0; round < 10; round++) {
      const claims = await Promise.all(journals.map((j) => j.claim(`E-1|1.0.0|due-${round}`, at, what)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
    const [first] = journals as [SendsJournal];
    const claim = await first.claim("sent-key", at, what);
    await first.sent("sent-key", claim as string, at, "<m-1@kestrel.example>", "Reminder");
    await Promise.all(journals.map((j) => j.close()));
    await store.close();

    const again = await kind.open(place);
    const reread = await SendsJournal.open(await again.sendsLines(), quiet);
    expect(reread.taken("sent-key", new Date(at.getTime() + 10 * CLAIM_TIMEOUT_MS))).toBe("sent");
    expect(reread.state("sent-key")?.sent?.messageId).toBe("<m-1@kestrel.example>");
    await reread.close();
    await again.close();
  });

  it("records nothing when read only (a dry run)", async () => {
    const store = await kind.open(await kind.place());
    const dry = await SendsJournal.open(await store.sendsLines(true), quiet);
    await expect(dry.claim("k", at, what)).rejects.toThrow(/read-only: a dry run records nothing/);
    await dry.close();
    const journal = await SendsJournal.open(await store.sendsLines(), quiet);
    expect(journal.state("k")).toBeUndefined();
    await journal.close();
    await store.close();
  });
});

describe("the sends journal on PostgreSQL", () => {
  it("sends once across servers: a key claimed through one server's store is taken for the other's", async () => {
    const url = await freshDatabase();
    const dir = dataDir();
    const [a, b] = [await openPostgresStore(url, dir, quiet), await openPostgresStore(url, dir, quiet)];
    const [ja, jb] = [
      await SendsJournal.open(await a.sendsLines(), quiet),
      await SendsJournal.open(await b.sendsLines(), quiet),
    ];
    const claims = await Promise.all([ja.claim("E-7|due", at, what), jb.claim("E-7|due", at, what)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await jb.refresh();
    expect(jb.taken("E-7|due", at)).toBe("claimed");
    // The lines are evidence: no client changes them.
    const client = await adminClient(url);
    await expect(client.query("DELETE FROM reminder_sends")).rejects.toThrow(/append-only/);
    await client.end();
    await Promise.all([ja.close(), jb.close(), a.close(), b.close()]);
  });
});
