/**
 * `list`'s output, written in pieces as the rows are made instead of one string of the whole
 * table (at 100,000 profiles: ~7 MB, and a Cell object per column per row before it): the
 * table renderTable (ui/table.ts) would print, and the JSON JSON.stringify(rows, null, 2)
 * would, byte for byte (tests/commands/list-agreement.test.ts).
 */
import type { Deps } from "../../deps.ts";
import { isoSeconds } from "../../output/variables.ts";
import type { ProfileKind, ProfileSummary } from "../../profiles/inventory.ts";
import { type FoundSession, timeLeft } from "../../profiles/session-status.ts";
import { secondsLeft } from "../../session/cache.ts";
import { belowTopTier } from "../../system/below-top-tier.ts";
import { printableInLine } from "../../system/printable.ts";
import { type Style, styleFor } from "../../ui/report.ts";
import { cellWidth, widerFor } from "../../ui/table.ts";
import { writeAsciiTable } from "./ascii-table.ts";
import { JsonPieces } from "./json-pieces.ts";

/** undefined: the kind has no session of its own (other, a long-term partner); null: none. */
export type Found = FoundSession | null | undefined;

const HEADER = ["PROFILE", "KIND", "MFA DEVICE", "REGION", "SESSION"] as const;
/** Output is written in pieces of about this many characters (JSON), or parts (table). */
const PIECE = 1 << 16;
const PIECE_PARTS = 12 * 1024;
const PLAIN = styleFor(false);

export interface TableOptions {
  now: number;
  style: Style;
  /** Every text of the rows is printable ASCII: a cell's width is its length. */
  ascii: boolean;
  /** No colour: `style` paints nothing. */
  plain: boolean;
}

/** renderTable(HEADER, the rows' cells), written a piece at a time. */
export function writeTable(
  rows: readonly ProfileSummary[],
  found: readonly Found[],
  { now, style, ascii, plain }: TableOptions,
  deps: Pick<Deps, "io">,
): void {
  if (ascii && plain) {
    writePlain(rows, found, now, deps);
    return;
  }
  // On a terminal a row is one line: a tab or line break in a name, serial or region is shown
  // escaped, as the writer shows every other control character there (system/printable.ts).
  // Into a pipe the table keeps the bytes, as the writer does.
  const shown = ascii || !deps.io.stdout.isTTY ? (text: string) => text : printableInLine;
  const names = rows.map((row) => shown(row.name));
  const regions = rows.map((row) => shown(row.region ?? "-"));
  const serials = rows.map((row) => shown(row.serial ? shortSerial(row.serial) : "-"));
  const widths = [HEADER[0].length, HEADER[1].length, HEADER[2].length, HEADER[3].length];
  const width = ascii ? (text: string) => text.length : cellWidth;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // A cell wider than PADDED_UP_TO pads no other row (renderTable's rule).
    widths[0] = widerFor(widths[0]!, width(names[i]!));
    widths[1] = widerFor(widths[1]!, row.kind.length);
    widths[2] = widerFor(widths[2]!, width(serials[i]!));
    widths[3] = widerFor(widths[3]!, width(regions[i]!));
  }
  const pad = padding();
  // renderTable's line: each cell but the last padded to its column's width in terminal
  // columns (ui/table.ts cellWidth; a cell as wide pads nothing), painted, joined by two spaces. Its
  // trimEnd has nothing to take: the last cell never ends in a space.
  const kinds = new Map(KINDS.map((kind) => [kind, kind + pad(widths[1]! - kind.length)]));
  const none = style.dim("none");
  const header = HEADER.map((text, c) => (c < 4 ? text + pad(widths[c]! - text.length) : text));
  // The parts of a piece, joined once: a line made with + or a template is a tree of strings
  // the collector has to walk (~30 MB of them at 100,000 profiles).
  const parts: string[] = [header.join("  "), "\n"];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const own = found[i];
    const serial = serials[i]!;
    const region = regions[i]!;
    const name = names[i]!;
    parts.push(
      style.bold(name + pad(widths[0]! - width(name))),
      "  ",
      kinds.get(row.kind)!,
      "  ",
      serial,
      pad(widths[2]! - width(serial)),
      "  ",
      region,
      pad(widths[3]! - width(region)),
      "  ",
      own === undefined ? "-" : own === null ? none : sessionText(own, now, style),
      "\n",
    );
    if (parts.length >= PIECE_PARTS) {
      deps.io.stdout.write(parts.join(""));
      parts.length = 0;
    }
  }
  if (parts.length > 0) deps.io.stdout.write(parts.join(""));
}

const KINDS: readonly ProfileKind[] = ["long-term", "session", "role", "other"];

/** writeTable's bytes for printable ASCII rows without colour (ascii-table.ts). */
function writePlain(
  rows: readonly ProfileSummary[],
  found: readonly Found[],
  now: number,
  deps: Pick<Deps, "io">,
): void {
  const widths = [HEADER[0].length, HEADER[1].length, HEADER[2].length, HEADER[3].length];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const serial = row.serial;
    widths[0] = widerFor(widths[0]!, row.name.length);
    widths[1] = widerFor(widths[1]!, row.kind.length);
    widths[2] = widerFor(widths[2]!, serial ? serial.length - serialFrom(serial) : 1);
    widths[3] = widerFor(widths[3]!, row.region?.length ?? 1);
  }
  writeAsciiTable(
    HEADER,
    widths,
    rows.length,
    (i, cells) => {
      const row = rows[i]!;
      const own = found[i];
      cells.name = row.name;
      cells.kind = row.kind;
      cells.serial = row.serial ?? "-";
      cells.serialFrom = row.serial ? serialFrom(row.serial) : 0;
      cells.region = row.region ?? "-";
      cells.session =
        own === undefined ? "-" : own === null ? "none" : sessionText(own, now, PLAIN);
      return cells;
    },
    deps,
  );
}

/** Rows from which the JSON is made as bytes (json-pieces.ts) rather than strings per row. */
const JSON_BYTES_FROM = 20_000;

/**
 * JSON.stringify(rows as JSON, null, 2), written a piece at a time, never a row object
 * stringified and re-indented. Below JSON_BYTES_FROM rows as a string per row (JSON.stringify
 * of its values: native code, fast from the first row); from there as bytes (json-pieces.ts),
 * which makes nothing per row: at 100,000 profiles peak RSS 139 -> 127 MiB and CPU 405 -> 394
 * ms, but its loops pay their compiles only on long lists (10,000 profiles: 102 -> 113 ms).
 */
export function writeJson(
  rows: readonly ProfileSummary[],
  found: readonly Found[],
  now: number,
  deps: Pick<Deps, "io">,
): void {
  if (rows.length === 0) {
    deps.io.stdout.write("[]\n");
    return;
  }
  if (rows.length >= JSON_BYTES_FROM) writeJsonBytes(rows, found, now, deps);
  else writeJsonStrings(rows, found, now, deps);
}

/** writeJson's text for at least one row, made a string per row, joined a piece at a time. */
export function writeJsonStrings(
  rows: readonly ProfileSummary[],
  found: readonly Found[],
  now: number,
  deps: Pick<Deps, "io">,
): void {
  // The parts of a piece, joined once (writeTable's reason).
  const parts: string[] = ["[\n"];
  let length = 2;
  for (let i = 0; i < rows.length; i++) {
    const line = jsonRowText(rows[i]!, found[i], now);
    parts.push(line, i === rows.length - 1 ? "\n]\n" : ",\n");
    length += line.length + 2;
    if (length >= PIECE) {
      deps.io.stdout.write(parts.join(""));
      parts.length = 0;
      length = 0;
    }
  }
  if (parts.length > 0) deps.io.stdout.write(parts.join(""));
}

/** writeJson's text for at least one row, made as bytes (json-pieces.ts). */
export function writeJsonBytes(
  rows: readonly ProfileSummary[],
  found: readonly Found[],
  now: number,
  deps: Pick<Deps, "io">,
): void {
  const out = new JsonPieces(deps);
  out.raw("[\n");
  for (let i = 0; i < rows.length; i++) {
    jsonRow(out, rows[i]!, found[i], now);
    out.raw(i === rows.length - 1 ? "\n]\n" : ",\n");
    out.flushWhenFull();
  }
  out.flush();
}

/** The SESSION cell of a row with a session, painted. */
export function sessionText(found: FoundSession, now: number, style: Style): string {
  const { session, source } = found;
  const paint = secondsLeft(session, now) > 0 ? style.green : style.red;
  return paint(`${timeLeft(session.expiration, now)}${source === "cache" ? " (cached)" : ""}`);
}

/** arn:aws:iam::123456789012:mfa/alice -> 123456789012:mfa/alice; serial numbers as they are. */
function shortSerial(serial: string): string {
  const from = serialFrom(serial);
  return from === 0 ? serial : serial.slice(from);
}

/** Where shortSerial's text starts in `serial`: serial.replace(/^arn:[^:]+:iam::/, ""). */
function serialFrom(serial: string): number {
  if (!serial.startsWith("arn:")) return 0;
  const colon = serial.indexOf(":", 4);
  return colon > 4 && serial.startsWith(":iam::", colon) ? colon + 6 : 0;
}

/** n spaces ("" for n <= 0), each length made once. */
function padding(): (n: number) => string {
  const made: string[] = [];
  return (n) => {
    if (n <= 0) return "";
    made[n] ??= " ".repeat(n);
    return made[n];
  };
}

/** One row as JSON.stringify(row, null, 2) indented by two more spaces, from "  {" to "  }". */
function jsonRow(out: JsonPieces, row: ProfileSummary, found: Found, now: number): void {
  out.raw('  {\n    "name": ');
  out.string(row.name);
  out.raw(',\n    "kind": ');
  out.string(row.kind);
  out.raw(',\n    "longTermProfile": ');
  orNull(out, row.longTermProfile);
  out.raw(',\n    "mfaSerial": ');
  orNull(out, row.serial);
  out.raw(',\n    "region": ');
  orNull(out, row.region);
  out.raw(',\n    "session": ');
  if (found === undefined) out.raw("null");
  else if (found === null) out.raw('{\n      "state": "none"\n    }');
  else {
    const left = secondsLeft(found.session, now);
    out.raw(left > 0 ? '{\n      "state": "valid"' : '{\n      "state": "expired"');
    out.raw(',\n      "expiration": ');
    out.string(isoSeconds(found.session.expiration));
    out.raw(`,\n      "secondsLeft": ${JSON.stringify(Math.max(0, left))}`);
    out.raw(',\n      "source": ');
    out.string(found.source);
    out.raw("\n    }");
  }
  out.raw("\n  }");
}

/** A text as JSON, or null for none. */
function orNull(out: JsonPieces, text: string | undefined): void {
  if (text === undefined) out.raw("null");
  else out.string(text);
}

/** One row as JSON.stringify(row, null, 2) indented by two more spaces, from "  {" to "  }". */
function jsonRowText(row: ProfileSummary, found: Found, now: number): string {
  return `  {\n    "name": ${json(row.name)},\n    "kind": ${json(row.kind)},\n    "longTermProfile": ${json(row.longTermProfile ?? null)},\n    "mfaSerial": ${json(row.serial ?? null)},\n    "region": ${json(row.region ?? null)},\n    "session": ${jsonSession(found, now)}\n  }`;
}

/** A row's "session" value, indented as inside a row. */
function jsonSession(found: Found, now: number): string {
  if (found === undefined) return "null";
  if (found === null) return '{\n      "state": "none"\n    }';
  const left = secondsLeft(found.session, now);
  return `{\n      "state": ${left > 0 ? '"valid"' : '"expired"'},\n      "expiration": ${json(isoSeconds(found.session.expiration))},\n      "secondsLeft": ${json(Math.max(0, left))},\n      "source": ${json(found.source)}\n    }`;
}

/** A string, number or null as JSON (JSON.stringify's text of it). */
function json(value: string | number | null): string {
  return JSON.stringify(value);
}

// ../../system/below-top-tier.ts: why
belowTopTier(
  writeTable,
  writePlain,
  writeJsonStrings,
  jsonRowText,
  jsonSession,
  json,
  writeJsonBytes,
  jsonRow,
  orNull,
  sessionText,
  serialFrom,
);
