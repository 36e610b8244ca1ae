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
import { type Style, styleFor } from "../../ui/report.ts";
import { cellWidth } from "../../ui/table.ts";
import { writeAsciiTable } from "./ascii-table.ts";

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
  const serials = rows.map((row) => (row.serial ? shortSerial(row.serial) : "-"));
  const widths = [HEADER[0].length, HEADER[1].length, HEADER[2].length, HEADER[3].length];
  const width = ascii ? (text: string) => text.length : cellWidth;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    widths[0] = Math.max(widths[0]!, width(row.name));
    widths[1] = Math.max(widths[1]!, row.kind.length);
    widths[2] = Math.max(widths[2]!, width(serials[i]!));
    widths[3] = Math.max(widths[3]!, width(row.region ?? "-"));
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
    const region = row.region ?? "-";
    parts.push(
      style.bold(row.name + pad(widths[0]! - width(row.name))),
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
    widths[0] = Math.max(widths[0]!, row.name.length);
    widths[1] = Math.max(widths[1]!, row.kind.length);
    widths[2] = Math.max(widths[2]!, serial ? serial.length - serialFrom(serial) : 1);
    widths[3] = Math.max(widths[3]!, row.region?.length ?? 1);
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

/** JSON.stringify(rows as JSON, null, 2), written a row at a time. */
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
  let piece = "[\n";
  rows.forEach((row, i) => {
    // A line break inside the text of a row is always escaped: each one here is JSON's own.
    const text = JSON.stringify(jsonRow(row, found[i], now), null, 2).replaceAll("\n", "\n  ");
    piece += `  ${text}${i === rows.length - 1 ? "\n]\n" : ",\n"}`;
    if (piece.length >= PIECE) {
      deps.io.stdout.write(piece);
      piece = "";
    }
  });
  deps.io.stdout.write(piece);
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

function jsonRow(row: ProfileSummary, found: Found, now: number) {
  const session =
    found === undefined
      ? null
      : found === null
        ? { state: "none" }
        : {
            state: secondsLeft(found.session, now) > 0 ? "valid" : "expired",
            expiration: isoSeconds(found.session.expiration),
            secondsLeft: Math.max(0, secondsLeft(found.session, now)),
            source: found.source,
          };
  return {
    name: row.name,
    kind: row.kind,
    longTermProfile: row.longTermProfile ?? null,
    mfaSerial: row.serial ?? null,
    region: row.region ?? null,
    session,
  };
}

// ../../system/below-top-tier.ts: why
belowTopTier(writeTable, writePlain, sessionText, serialFrom);
