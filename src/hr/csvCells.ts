/**
 * Splits a CSV text into cells a line at a time, so that a broken quote on one line is that line's
 * problem and the lines after it are still read. A roster cell is one line of text (line breaks are
 * refused in every field), so no valid roster needs a quoted field to span lines.
 */

export type Delimiter = "," | ";" | "\t";

const NAMES: Record<Delimiter, string> = { ",": "commas", ";": "semicolons", "\t": "tabs" };

export const delimiterName = (delimiter: Delimiter): string => NAMES[delimiter];

/**
 * The delimiter of a file, from its first line: the one of comma, semicolon and tab found most
 * often outside quotes (Excel writes semicolons where the comma is the decimal mark; a comma wins a tie).
 */
export function detectDelimiter(firstLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as Delimiter]++;
  }
  return (Object.keys(counts) as Delimiter[]).reduce((best, d) => (counts[d] > counts[best] ? d : best), ",");
}

export type LineCells = { cells: string[] } | { problem: string };

/** The cells of one line (RFC 4180 quoting: "" inside quotes is a quote), each trimmed. */
export function splitLine(line: string, delimiter: Delimiter): LineCells {
  const cells: string[] = [];
  let at = 0;
  for (;;) {
    while (line[at] === " ") at++;
    if (line[at] === '"') {
      let cell = "";
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1)
          return {
            problem: `a quote opened in cell ${cells.length + 1} is never closed. Close it, or remove the stray quote, and import again.`,
          };
        cell += line.slice(from, quote);
        if (line[quote + 1] === '"') {
          cell += '"';
          from = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      while (line[at] === " ") at++;
      if (at < line.length && line[at] !== delimiter)
        return {
          problem: `cell ${cells.length + 1} has text after its closing quote. Put the whole cell inside the quotes and import again.`,
        };
      cells.push(cell.trim());
    } else {
      const end = line.indexOf(delimiter, at);
      cells.push(line.slice(at, end === -1 ? undefined : end).trim());
      at = end === -1 ? line.length : end;
    }
    if (at >= line.length) return { cells };
    at++; // past the delimiter
  }
}
