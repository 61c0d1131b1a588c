import { isStoreError, StoreError } from "./storeError.ts";

/** The database a URL names, for messages: host, port and database, never the password. */
export function describeDatabase(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `PostgreSQL at ${hostname}:${port || "5432"}/${decodeURIComponent(pathname.slice(1)) || "(default database)"}`;
  } catch {
    return "the PostgreSQL database AUP_DATABASE_URL names";
  }
}

/**
 * A failure of the database as the HTTP layer answers it (a StoreError "write-failed": 503): what
 * was being done, the database's own words (its SQLSTATE or the connection's error code), and what
 * to do. A StoreError already made (damaged records, say) is kept as it is.
 */
export function databaseFailure(error: unknown, doing: string, todo: string): StoreError {
  if (isStoreError(error)) return error;
  const { message, code } = error as { message?: string; code?: string };
  const detail = [code, message].filter(Boolean).join(": ") || String(error);
  return new StoreError("write-failed", `${doing} (${detail}). ${todo}`, { cause: error });
}
