/**
 * A store failure with a message for the person running the server: what happened, why, and what
 * to do. `kind` lets the HTTP layer answer 503 for writes that failed and the CLI exit non-zero.
 */
export class StoreError extends Error {
  readonly kind: "unreadable" | "locked" | "write-failed";

  constructor(kind: StoreError["kind"], message: string) {
    super(message);
    this.name = "StoreError";
    this.kind = kind;
  }
}
