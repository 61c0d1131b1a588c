import { describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/records/pgRecordsStore.ts";
import { adminClient, freshDatabase } from "../support/postgres.ts";
import { dataDir } from "../support/records.ts";
import { STORE_KINDS } from "./storeKinds.ts";

const MINUTE = 60_000;
const quiet = () => undefined;

describe.each(STORE_KINDS)("the $name store's sign-in sessions", (kind) => {
  it("give back what was opened until the lifetime or the idle time runs out, then nothing", async () => {
    const store = await kind.open(await kind.place());
    const { sessions } = store;
    const start = 1_000_000;
    const long = await sessions.open("oidc", { email: "ada@kestrel.example" }, { lifetimeMs: 60 * MINUTE }, start);
    expect(long.maxAge).toBe(3600);
    const idle = await sessions.open("admin", {}, { lifetimeMs: 60 * MINUTE, idleMs: 10 * MINUTE }, start);
    // Used every 9 minutes, the idle session lives on to its lifetime.
    for (let t = start; t < start + 50 * MINUTE; t += 9 * MINUTE)
      expect(await sessions.use("admin", idle.id, t)).toEqual({});
    expect(await sessions.use("oidc", long.id, start + 60 * MINUTE - 1)).toEqual({ email: "ada@kestrel.example" });
    expect(await sessions.use("oidc", long.id, start + 60 * MINUTE)).toBeUndefined();
    const unused = await sessions.open("admin", {}, { lifetimeMs: 60 * MINUTE, idleMs: 10 * MINUTE }, start);
    expect(await sessions.use("admin", unused.id, start + 10 * MINUTE)).toBeUndefined();
    await store.close();
  });

  it("end at once on sign-out, answer only for their own kind, and open nothing for an unknown id", async () => {
    const store = await kind.open(await kind.place());
    const { sessions } = store;
    const { id } = await sessions.open("admin", {}, { lifetimeMs: MINUTE });
    expect(await sessions.use("oidc", id)).toBeUndefined();
    expect(await sessions.use("admin", id)).toEqual({});
    await sessions.end(id);
    expect(await sessions.use("admin", id)).toBeUndefined();
    expect(await sessions.use("admin", "made-up")).toBeUndefined();
    expect(await sessions.use("admin", undefined)).toBeUndefined();
    await sessions.end(undefined);
    await store.close();
  });
});

describe("sessions on PostgreSQL", () => {
  it("are shared by every server on the database, and sign-out on one ends them on the other", async () => {
    const url = await freshDatabase();
    const dir = dataDir();
    const [a, b] = [await openPostgresStore(url, dir, quiet), await openPostgresStore(url, dir, quiet)];
    const { id } = await a.sessions.open(
      "oidc",
      { subject: "s-1", email: "ada@kestrel.example", hr: true },
      {
        lifetimeMs: MINUTE,
      },
    );
    expect(await b.sessions.use("oidc", id)).toEqual({ subject: "s-1", email: "ada@kestrel.example", hr: true });
    await b.sessions.end(id);
    expect(await a.sessions.use("oidc", id)).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });

  it("keep no cookie id in the table: someone reading the database cannot sign in with what they read", async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, dataDir(), quiet);
    const { id } = await store.sessions.open("admin", {}, { lifetimeMs: MINUTE });
    const client = await adminClient(url);
    const { rows } = await client.query<{ key: string }>("SELECT key FROM sessions");
    await client.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key).not.toBe(id);
    expect(await store.sessions.use("admin", rows[0]?.key)).toBeUndefined();
    await store.close();
  });

  it("say what went wrong and what to do when the database does not answer", async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(url, dataDir(), quiet);
    const { id } = await store.sessions.open("admin", {}, { lifetimeMs: MINUTE });
    const client = await adminClient(url);
    await client.query("ALTER TABLE sessions RENAME TO sessions_away");
    try {
      const failure = store.sessions.use("admin", id);
      await expect(failure).rejects.toThrow(
        /The sign-in could not be checked: .* did not answer .*Try again in a moment/,
      );
      await expect(failure).rejects.toHaveProperty("name", "StoreError");
    } finally {
      await client.query("ALTER TABLE sessions_away RENAME TO sessions");
      await client.end();
    }
    expect(await store.sessions.use("admin", id)).toEqual({});
    await store.close();
  });
});
