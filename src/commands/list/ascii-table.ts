/**
 * `list`'s table without colour when every text in it is printable ASCII (what a generated
 * config holds, and what a pipe or a file gets): the same bytes write.ts's writeTable writes,
 * made by copying character codes into one buffer of bytes per piece, which is decoded once.
 *
 * Why: at 100,000 profiles the table is ~7.4 MB; made of strings (a padded name, a slice
 * of each device, a dozen parts per row, joined) it took ~100 ms and most of the garbage of
 * the run. Here nothing is made per row (tests/commands/list/agreement.test.ts holds both to
 * the same output).
 */
import type { Deps } from "../../deps.ts";
import { belowTopTier } from "../../system/below-top-tier.ts";
import { NEWLINE, PIECE, SPACE, sendPiece } from "./table-pieces.ts";

/** One row's texts: `serialFrom` is where the shown part of `serial` starts. */
export interface AsciiRow {
  name: string;
  kind: string;
  serial: string;
  serialFrom: number;
  region: string;
  session: string;
}

/**
 * Writes the header and then rows 0 .. count-1 (`row(i, into)` fills `into` and returns it),
 * the first four columns padded to `widths`, two spaces between columns.
 */
export function writeAsciiTable(
  header: readonly string[],
  widths: readonly number[],
  count: number,
  row: (i: number, into: AsciiRow) => AsciiRow,
  deps: Pick<Deps, "io">,
): void {
  const [name, kind, serial, region] = widths as [number, number, number, number];
  // The longest line a row can make: its padded cells, separators, the session and a margin.
  const fixed = name + kind + serial + region + 8;
  let out = new Uint8Array(PIECE + fixed + 64).fill(SPACE);
  let at = put(out, 0, header[0]!, 0, name + 2);
  at = put(out, at, header[1]!, 0, kind + 2);
  at = put(out, at, header[2]!, 0, serial + 2);
  at = put(out, at, header[3]!, 0, region + 2);
  at = put(out, at, header[4]!, 0, 0);
  out[at++] = NEWLINE;
  const cells: AsciiRow = {
    name: "",
    kind: "",
    serial: "",
    serialFrom: 0,
    region: "",
    session: "",
  };
  for (let i = 0; i < count; i++) {
    const r = row(i, cells);
    // A session text longer than the margin (it never is: "12h59m left (cached)"), or a cell
    // wider than its column (one wider than PADDED_UP_TO, ui/table.ts), gets room.
    const need =
      fixed +
      over(r.name.length, name) +
      over(r.serial.length - r.serialFrom, serial) +
      over(r.region.length, region) +
      r.session.length +
      1;
    if (at + need > out.length) {
      at = sendPiece(out, at, deps);
      out = new Uint8Array(Math.max(out.length, PIECE + need));
      out.fill(SPACE);
    }
    // Each cell padded to its width and the two spaces after it, as one run of spaces (a cell
    // wider than its column gets its two spaces too: renderTable's "  " between cells).
    at = put(out, at, r.name, 0, name) + 2;
    at = put(out, at, r.kind, 0, kind) + 2;
    at = put(out, at, r.serial, r.serialFrom, serial) + 2;
    at = put(out, at, r.region, 0, region) + 2;
    at = put(out, at, r.session, 0, 0);
    out[at++] = NEWLINE;
    if (at >= PIECE) at = sendPiece(out, at, deps);
  }
  sendPiece(out, at, deps);
}

/** How much wider than `width` a cell `length` long is (0 when it fits). */
function over(length: number, width: number): number {
  return length > width ? length - width : 0;
}

/**
 * text[from, end) into out at `at`, padded with spaces to `width` characters in all (none when
 * the text is as long or longer: padEnd's rule); where the next byte goes. `out` holds spaces
 * where nothing was written yet (the padding of most rows is most of the table).
 */
function put(out: Uint8Array, at: number, text: string, from: number, width: number): number {
  const end = text.length;
  for (let i = from; i < end; i++) out[at + i - from] = text.charCodeAt(i);
  return at + Math.max(width, end - from);
}

// ../../system/below-top-tier.ts: why
belowTopTier(writeAsciiTable, put, over);
