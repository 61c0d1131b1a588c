import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { acquireDataLock } from "./dataLock.ts";
import { dataFiles, type DataFile } from "./dataFiles.ts";
import { writeCheckpointFile } from "./checkpointFile.ts";
import type { MoveTarget, MovedParts } from "./moveTargets.ts";
import { replaceFile } from "./replaceFile.ts";
import { stateFile } from "./stateFile.ts";
import { folderRecords } from "./storedRecords.ts";
import { StoreError } from "./storeError.ts";

/** What a server signs and links with: copied into a new folder so that old receipts and checkpoints still check. */
const KEY_FILES: readonly DataFile[] = ["signingKey", "publicKeys", "receiptSecret"];
/** What a folder holding records has; the keys and the admin token may be there already. */
const HELD_FILES: readonly DataFile[] = ["journal", "state", "checkpoint", "sends"];

/**
 * A data folder a move fills, locked as a server locks it so that none starts on it meanwhile.
 * The keys of the folder `keysFrom` (the servers' data folder) are copied in when it has none.
 */
export function folderTarget(dir: string, keysFrom: string, warn: (message: string) => void): MoveTarget {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const release = acquireDataLock(dir, warn);
  const files = dataFiles(dir);
  return {
    where: dir,
    checkEmpty() {
      const held = HELD_FILES.filter((file) => existsSync(files[file]) && statSync(files[file]).size > 0);
      if (held.length)
        throw new StoreError(
          "locked",
          `${dir} already holds ${held.map((file) => path.basename(files[file])).join(", ")}: a move fills an empty data folder only, so that nothing in it is mixed with or lost to the records moved. Choose a new folder, or move those files away first.`,
        );
      return Promise.resolve();
    },
    async write(parts: MovedParts) {
      try {
        if (parts.sends.length)
          await replaceFile(files.sends, (handle) => handle.writeFile(parts.sends.map((l) => `${l}\n`).join("")));
        await stateFile(files.state).write({ roster: [...parts.roster] });
        if (parts.checkpoint !== undefined) await writeCheckpointFile(files.checkpoint, parts.checkpoint);
        if (path.resolve(keysFrom) !== path.resolve(dir))
          for (const key of KEY_FILES) {
            const from = dataFiles(keysFrom)[key];
            if (existsSync(from) && !existsSync(files[key])) copyFileSync(from, files[key]);
          }
        // The journal last, renamed into place whole: until it is there the folder holds no records.
        await replaceFile(files.journal, async (handle) => {
          for await (const run of parts.lines) await handle.write(run.map((line) => `${line}\n`).join(""));
        });
      } catch (error) {
        for (const file of [files.sends, files.state, files.checkpoint]) rmSync(file, { force: true });
        throw error;
      }
    },
    readBack: () => Promise.resolve(folderRecords(dir)),
    close: () => Promise.resolve(release()),
  };
}
