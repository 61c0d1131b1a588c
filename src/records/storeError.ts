/**
 * A store failure with a message for the person running the server: what happened, why, and what
 * to do. `kind` lets the HTTP layer answer 503 for writes that failed and the CLIs tell a file that
 * cannot be read ("unreadable") from one that was read and is not what it should be ("damaged").
 */
export class StoreError extends Error {
  readonly kind: "unreadable" | "damaged" | "locked" | "write-failed";

  constructor(kind: StoreError["kind"], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "StoreError";
    this.kind = kind;
  }
}

/**
 * Whether `error` is a StoreError. Checked by name, not `instanceof`: the server entry and the
 * routes Astro bundles load separate copies of this module, and an error from one copy is not an
 * instance of the other's class.
 */
export function isStoreError(error: unknown, kind?: StoreError["kind"]): error is StoreError {
  return (
    error instanceof Error && error.name === "StoreError" && (kind === undefined || (error as StoreError).kind === kind)
  );
}
