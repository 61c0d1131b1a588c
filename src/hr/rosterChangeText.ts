import { countOf } from "../lib/plural.ts";
import type { RosterChange } from "../records/rosterMerge.ts";
import type { RosterFileShape, RosterProblem } from "./rosterCsv.ts";

/** What an import changed, in words: "2 added, 1 updated, 0 unchanged, 3 marked left". */
export function rosterChangeText({ added, updated, unchanged, left }: RosterChange): string {
  return `${added} added, ${updated} updated, ${unchanged} unchanged${left === undefined ? "" : `, ${left} marked left`}`;
}

/** The first line of a refused import's answer: nothing imported, how many problems, how the file was read. */
export function refusedImportText(problems: readonly RosterProblem[], { delimiter, header }: RosterFileShape): string {
  return `Nothing was imported: ${countOf(problems.length, "problem")}. The file was read as ${countOf(header.length, "column")} separated by ${delimiter}.`;
}

/** What to do about the problems listed after refusedImportText. */
export function fixProblemsText(problems: readonly RosterProblem[]): string {
  return `Fix ${problems.length === 1 ? "it" : "them"} in the file and import it again:`;
}
