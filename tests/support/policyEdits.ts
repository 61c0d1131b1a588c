import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Removes clauses from a policy file of a content copy as an author would: the clauses go, the
 * later ones are renumbered so that ids stay in order, and the frontmatter's notes follow them.
 */
export function removeClauses(contentDir: string, file: string, ids: string[]): void {
  const target = path.join(contentDir, "policy", file);
  const source = readFileSync(target, "utf8");
  const end = source.indexOf("\n---\n", 4) + 5;
  let frontmatter = source.slice(0, end);
  const blocks = source.slice(end).split(/(?=^## )/m);
  const kept = blocks.filter((block) => !ids.some((id) => block.startsWith(`## ${id} `)));
  if (kept.length + ids.length !== blocks.length)
    throw new Error(`${file} does not have every clause of ${ids.join(", ")}.`);
  // Notes of removed clauses go; the others move with their clause's new number.
  for (const id of ids)
    frontmatter = frontmatter.replace(new RegExp(`^ {2}"${id.replace(".", "\\.")}":\\n(?: {4}.*\\n)*`, "m"), "");
  let number = 0;
  const renumbered = kept.map((block) => {
    const heading = /^## (\S+)\.(\d+) /.exec(block);
    if (!heading) return block;
    number++;
    const [, prefix, old] = heading;
    frontmatter = frontmatter.replace(`  "${prefix}.${old}":`, `  "@${prefix}.${number}":`);
    return block.replace(`## ${prefix}.${old} `, `## ${prefix}.${number} `);
  });
  // A notes group left empty goes too, as an author would remove it.
  frontmatter = frontmatter.replaceAll('"@', '"').replace(/^clauses:\n(?! )/m, "");
  writeFileSync(target, frontmatter + renumbered.join(""));
}
