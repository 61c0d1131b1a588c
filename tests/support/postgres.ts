import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

const made: string[] = [];

/** A client of the cluster's admin database, for the test to inspect or change a store's tables. */
export async function adminClient(url = inject("postgresUrl")): Promise<pg.Client> {
  const client = new pg.Client(url);
  await client.connect();
  return client;
}

/** The URL of a new, empty database in the test cluster, dropped once the file's tests are done. */
export async function freshDatabase(): Promise<string> {
  const base = inject("postgresUrl");
  const name = `aup_test_${randomBytes(6).toString("hex")}`;
  const client = await adminClient(base);
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  made.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.href;
}

afterAll(async () => {
  if (!made.length) return;
  const client = await adminClient();
  try {
    for (const name of made.splice(0)) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
});
