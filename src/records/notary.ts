import { formatCheckpoint } from "../evidence/checkpoint.ts";
import type { MerkleView } from "./journal.ts";
import type { Keyring } from "./signingKeys.ts";
import { signNote } from "../evidence/signNote.ts";
import { StoreError } from "./storeError.ts";

/** A checkpoint as published: the signed note, and the tree it describes. */
export interface SignedCheckpoint {
  note: string;
  size: number;
  root: Buffer;
}

/** Where the latest checkpoint is kept (a file of the data folder, a database table), named in errors as `where`. */
export interface CheckpointSink {
  where: string;
  save(checkpoint: SignedCheckpoint): Promise<void>;
}

/**
 * Signs checkpoints of the journal's Merkle tree and keeps the latest in its sink. One is
 * signed for each group commit that asks for it (everyone answered from that batch shares it), and
 * the file is rewritten once at a time, always with the latest: nobody is handed a checkpoint
 * before the file holds one at least as large, so a start always knows what was published.
 */
export class Notary {
  private readonly keyring: Keyring;
  private readonly tree: MerkleView;
  private readonly sink: CheckpointSink;
  private latest: SignedCheckpoint | undefined;
  /** The size of the checkpoint on disk; -1 before any. */
  private written: number;
  private writing: Promise<void> | undefined;

  constructor(keyring: Keyring, tree: MerkleView, sink: CheckpointSink, written?: number) {
    this.keyring = keyring;
    this.tree = tree;
    this.sink = sink;
    this.written = written ?? -1;
  }

  /**
   * The latest checkpoint once it is on disk, signed now if it does not cover the first `covering`
   * records (by default, all of them): the answers of one group commit share one signature.
   */
  async checkpoint(covering = this.tree.size): Promise<SignedCheckpoint> {
    if (!this.latest || this.latest.size < covering) this.latest = this.sign(this.tree.size);
    const latest = this.latest;
    while (this.written < latest.size) await (this.writing ??= this.writeLatest());
    return latest;
  }

  private sign(size: number): SignedCheckpoint {
    const root = this.tree.root(size);
    const { origin, current } = this.keyring;
    return { note: signNote(formatCheckpoint({ origin, size, root }), origin, current.privateKey), size, root };
  }

  private async writeLatest(): Promise<void> {
    const latest = this.latest as SignedCheckpoint;
    try {
      await this.sink.save(latest);
      this.written = Math.max(this.written, latest.size);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StoreError(
        "write-failed",
        `The checkpoint could not be saved to ${this.sink.where} (${code}${code === "ENOSPC" ? ": the disk is full" : ""}), so none covering the latest records is published yet; the records themselves are stored. It is signed again at the next request, once the disk is writable.`,
        { cause: error },
      );
    } finally {
      this.writing = undefined;
    }
  }
}
