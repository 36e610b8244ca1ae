/** A plain text table for people: columns padded to their widest cell, colour not counted. */

export interface Cell {
  text: string;
  /** Applied after padding, so escape codes never shift the columns. */
  paint?: (text: string) => string;
}

export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const all: (readonly Cell[])[] = [header.map((text) => ({ text })), ...rows];
  const widths = header.map((_, column) => {
    let widest = 0;
    for (const row of all) widest = Math.max(widest, cellWidth(row[column]?.text ?? ""));
    return widest;
  });
  return all
    .map((row) =>
      row
        .map((cell, column) => {
          const last = column === row.length - 1;
          const padded = last ? cell.text : cell.text.padEnd(widths[column]!);
          return cell.paint ? cell.paint(padded) : padded;
        })
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Code points, as padEnd counts them (a surrogate pair is one); a spread only when needed.
 * The width renderTable gives a cell (`list` works out its widths itself, to write its rows
 * as it makes them).
 */
export function cellWidth(text: string): number {
  return SURROGATE.test(text) ? [...text].length : text.length;
}
