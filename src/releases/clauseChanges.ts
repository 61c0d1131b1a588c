import { diffWords, type Change } from "diff";
import type { Release, ReleasedClause } from "../schemas/release.ts";

/** A clause where it stands in a release: its section's number and title. */
export interface PlacedClause extends ReleasedClause {
  section: string;
  sectionTitle: string;
}

/** One word-level piece of a redline: kept, added or removed text. */
export interface RedlinePart {
  text: string;
  change: "same" | "added" | "removed";
}

export type ClauseChange =
  | { kind: "added"; after: PlacedClause }
  | { kind: "removed"; before: PlacedClause }
  /** Same clause, new words (and perhaps a new id or section too: `moved`). */
  | {
      kind: "reworded";
      before: PlacedClause;
      after: PlacedClause;
      moved: boolean;
      title: RedlinePart[];
      text: RedlinePart[];
    }
  /** Same words under another id: renumbered, or moved to another section. */
  | { kind: "moved"; before: PlacedClause; after: PlacedClause };

/**
 * What changed from one release to another, clause by clause. Ids are matched first by identical
 * wording (a clause whose words are unchanged but whose id is not has moved), then by id, then by
 * title (a renumbered clause whose words changed too), so that removing 3.2 and renumbering the rest
 * reads as one removal and some moves rather than a chain of rewrites.
 */
export function clauseChanges(from: Release, to: Release): ClauseChange[] {
  const before = placed(from);
  const after = placed(to);
  const pairs: [PlacedClause, PlacedClause][] = [];
  const take = (match: (a: PlacedClause, b: PlacedClause) => boolean) => {
    for (const b of [...after]) {
      const a = before.find((candidate) => match(candidate, b));
      if (!a) continue;
      pairs.push([a, b]);
      before.splice(before.indexOf(a), 1);
      after.splice(after.indexOf(b), 1);
    }
  };
  take((a, b) => a.id === b.id && a.title === b.title && a.text === b.text);
  take((a, b) => a.title === b.title && a.text === b.text);
  take((a, b) => a.id === b.id);
  take((a, b) => a.title === b.title);
  const changes: ClauseChange[] = pairs.flatMap(([a, b]): ClauseChange[] => {
    const moved = a.id !== b.id || a.section !== b.section;
    if (a.title === b.title && a.text === b.text) return moved ? [{ kind: "moved", before: a, after: b }] : [];
    return [
      { kind: "reworded", before: a, after: b, moved, title: redline(a.title, b.title), text: redline(a.text, b.text) },
    ];
  });
  changes.push(...before.map((clause): ClauseChange => ({ kind: "removed", before: clause })));
  changes.push(...after.map((clause): ClauseChange => ({ kind: "added", after: clause })));
  const order = new Map(placed(to).map((clause, i) => [clause.id, i]));
  const position = (change: ClauseChange) =>
    change.kind === "removed" ? (order.get(change.before.id) ?? Infinity) - 0.5 : (order.get(change.after.id) ?? 0);
  return changes.sort((x, y) => position(x) - position(y));
}

/** The clause ids a change touches in the later release (what an update course re-teaches). */
export function changedClauseIds(changes: readonly ClauseChange[]): string[] {
  return changes.flatMap((change) => (change.kind === "added" || change.kind === "reworded" ? [change.after.id] : []));
}

/** A word-level redline (jsdiff's diffWords), as kept, added and removed runs of text. */
export function redline(before: string, after: string): RedlinePart[] {
  return diffWords(before, after).map((part: Change) => ({
    text: part.value,
    change: part.added ? "added" : part.removed ? "removed" : "same",
  }));
}

function placed(release: Release): PlacedClause[] {
  return release.sections.flatMap((section) =>
    section.clauses.map((clause) => ({ ...clause, section: section.number, sectionTitle: section.title })),
  );
}
