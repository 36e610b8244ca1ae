/**
 * A plain text table for people: columns padded to their widest cell (up to PADDED_UP_TO),
 * colour not counted.
 * Widths are terminal columns, not string lengths: a CJK character or most emoji take two
 * columns, a combining accent none, so a profile called 本番 or café (with a combining accent)
 * would shift every column after it if cells were padded by their length.
 */

/**
 * The widest cell (in terminal columns) a column is padded for. A longer cell is printed in
 * full (a name must stay copyable) and pushes only its own row's later cells right; the other
 * rows are padded as if it were not there. Without it one profile named with 100,000
 * characters padded every row of `list` to 100,000 columns (100 MB of spaces for 1,000
 * profiles). 64: the longest names, devices and regions people use fit, and a table of
 * columns that wide is already wider than most terminals.
 */
export const PADDED_UP_TO = 64;

/** `widest` made wide enough for a cell `width` columns wide, unless wider than PADDED_UP_TO. */
export function widerFor(widest: number, width: number): number {
  return width > widest && width <= PADDED_UP_TO ? width : widest;
}

export interface Cell {
  text: string;
  /** Applied after padding, so escape codes never shift the columns. */
  paint?: (text: string) => string;
}

export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const all: (readonly Cell[])[] = [header.map((text) => ({ text })), ...rows];
  const widths = header.map((_, column) => {
    let widest = 0;
    for (const row of all) widest = widerFor(widest, cellWidth(row[column]?.text ?? ""));
    return widest;
  });
  return all
    .map((row) =>
      row
        .map((cell, column) => {
          const last = column === row.length - 1;
          const padded = last ? cell.text : padCell(cell.text, widths[column]!);
          return cell.paint ? cell.paint(padded) : padded;
        })
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/** `text` and the spaces that make it `width` columns wide (none when it is that wide already). */
export function padCell(text: string, width: number): string {
  const missing = width - cellWidth(text);
  return missing > 0 ? text + " ".repeat(missing) : text;
}

/**
 * The columns `text` takes in a terminal (Unicode East Asian Width and emoji presentation;
 * combining marks and zero-width characters take none). Bun.stringWidth is built into the
 * runtime the binary ships with, so no width tables travel in the bundle: the one use of Bun
 * in ui/. It agrees with the string-width packages on wide, combining and emoji text
 * (tests/ui/table.test.ts). The width renderTable gives a cell; `list` works out its widths
 * with it too, to write its rows as it makes them.
 *
 * A control character has no width of its own; a terminal, where columns matter, gets it
 * shown by printable() (system/printable.ts): an escape or a bell as \x1b, \x07 (4 columns),
 * a bidi control as \u202e (6), so a value holding one keeps the columns straight. A tab or
 * a line break, which printable() keeps, counts one column, as its length did before. An
 * escape sequence in a name counts as the text it is shown as (it is no colour: colour is
 * painted after padding).
 */
/** U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069: shown as \uHHHH by printable(). */
function isBidiControl(c: number): boolean {
  return (
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

export function cellWidth(text: string): number {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a) controls++;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) controls += 4;
    else if (isBidiControl(c)) controls += 6;
  }
  // Where Bun is missing (docs/development.md: every Bun API in src/ keeps a path without it),
  // the length: right for ASCII, what the tables used before.
  if (typeof Bun === "undefined") return text.length;
  return Bun.stringWidth(text, { countAnsiEscapeCodes: true }) + controls;
}
