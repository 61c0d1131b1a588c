import { describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/records/pgRecordsStore.ts";
import { SCHEMA_VERSION } from "../../src/records/pgMigrations.ts";
import { adminClient, freshDatabase } from "../support/postgres.ts";
import { acknowledgement, dataDir } from "../support/records.ts";

const quiet = () => undefined;

async function schemaOf(url: string) {
  const client = await adminClient(url);
  try {
    const version = (await client.query<{ version: number }>("SELECT version FROM aup_schema")).rows;
    const tables = (
      await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).rows.map((r) => r.name);
    return { version, tables };
  } finally {
    await client.end();
  }
}

describe("the PostgreSQL store's schema", () => {
  it("is made on the first start, once, however many servers start together, and left as it is after", async () => {
    const url = await freshDatabase();
    const dir = dataDir();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, dir, quiet)));
    await stores[0]?.acknowledge(acknowledgement(1));
    await Promise.all(stores.map((s) => s.close()));
    expect(await schemaOf(url)).toEqual({
      version: [{ version: SCHEMA_VERSION }],
      tables: ["aup_schema", "checkpoints", "records", "reminder_sends", "sessions", "state"],
    });
    const again = await openPostgresStore(url, dir, quiet);
    expect(again.index.count).toBe(1);
    await again.close();
    expect((await schemaOf(url)).version).toEqual([{ version: SCHEMA_VERSION }]);
  });

  it("brings a database of the first schema up to date on start, keeping its records", async () => {
    const url = await freshDatabase();
    const dir = dataDir();
    const first = await openPostgresStore(url, dir, quiet);
    await first.acknowledge(acknowledgement(1));
    await first.close();
    // As the first release left it: no sessions or sends tables, schema version 1.
    const client = await adminClient(url);
    await client.query("DROP TABLE sessions, reminder_sends; UPDATE aup_schema SET version = 1");
    await client.end();
    const upgraded = await openPostgresStore(url, dir, quiet);
    expect(upgraded.index.count).toBe(1);
    const { id } = await upgraded.sessions.open("admin", {}, { lifetimeMs: 60_000 });
    expect(await upgraded.sessions.use("admin", id)).toEqual({});
    await upgraded.close();
    expect(await schemaOf(url)).toEqual({
      version: [{ version: SCHEMA_VERSION }],
      tables: ["aup_schema", "checkpoints", "records", "reminder_sends", "sessions", "state"],
    });
  });

  it("refuses a database a newer release migrated, saying what to do, and changes nothing", async () => {
    const url = await freshDatabase();
    await (await openPostgresStore(url, dataDir(), quiet)).close();
    const client = await adminClient(url);
    await client.query("UPDATE aup_schema SET version = $1", [SCHEMA_VERSION + 1]);
    await client.end();
    const before = await schemaOf(url);
    await expect(openPostgresStore(url, dataDir(), quiet)).rejects.toThrow(
      new RegExp(
        `schema version ${SCHEMA_VERSION + 1}, newer than this release of aup-course knows \\(${SCHEMA_VERSION}\\).*Run that release .*nothing was changed`,
      ),
    );
    expect(await schemaOf(url)).toEqual(before);
  });

  it("says which database cannot be reached and what to check, without its password", async () => {
    const url = new URL(await freshDatabase());
    url.port = "1"; // nothing listens there
    url.password = "s3cret";
    const failure = openPostgresStore(url.href, dataDir(), quiet);
    await expect(failure).rejects.toThrow(/cannot be reached: .*ECONNREFUSED.*Check that PostgreSQL runs/);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
