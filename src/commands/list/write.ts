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
import type { Style } from "../../ui/report.ts";
import { cellWidth } from "../../ui/table.ts";

/** undefined: the kind has no session of its own (other, a long-term partner); null: none. */
export type Found = FoundSession | null | undefined;

const HEADER = ["PROFILE", "KIND", "MFA DEVICE", "REGION", "SESSION"] as const;
/** Output is written in pieces of about this many characters. */
const PIECE = 1 << 16;

export interface TableOptions {
  now: number;
  style: Style;
  /** Every text of the rows is printable ASCII: a cell's width is its length. */
  ascii: boolean;
}

/** renderTable(HEADER, the rows' cells), written a piece at a time. */
export function writeTable(
  rows: readonly ProfileSummary[],
  found: readonly Found[],
  { now, style, ascii }: TableOptions,
  deps: Pick<Deps, "io">,
): void {
  const names = rows.map((row) => row.name);
  const serials = rows.map((row) => (row.serial ? shortSerial(row.serial) : "-"));
  const regions = rows.map((row) => row.region ?? "-");
  const widest = (header: string, texts: readonly string[]) => {
    let width = header.length;
    for (const text of texts) width = Math.max(width, ascii ? text.length : cellWidth(text));
    return width;
  };
  const widths = [
    widest(HEADER[0], names),
    widest(HEADER[1], [...new Set(rows.map((row) => row.kind))]),
    widest(HEADER[2], serials),
    widest(HEADER[3], regions),
  ];
  const pad = padding();
  // renderTable's line: each cell but the last padded with padEnd (which counts code units,
  // so a width below a cell's length pads nothing), painted, joined by two spaces. Its
  // trimEnd has nothing to take: the last cell never ends in a space.
  const cell = (text: string, column: number) => text + pad(widths[column]! - text.length);
  const kinds = new Map(KINDS.map((kind) => [kind, cell(kind, 1)]));
  const none = style.dim("none");
  let piece = `${HEADER.map((text, column) => (column < 4 ? cell(text, column) : text)).join("  ")}\n`;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const own = found[i];
    const session = own === undefined ? "-" : own === null ? none : sessionText(own, now, style);
    piece += `${style.bold(cell(names[i]!, 0))}  ${kinds.get(row.kind)}  ${cell(serials[i]!, 2)}  ${cell(regions[i]!, 3)}  ${session}\n`;
    if (piece.length >= PIECE) {
      deps.io.stdout.write(piece);
      piece = "";
    }
  }
  if (piece) deps.io.stdout.write(piece);
}

const KINDS: readonly ProfileKind[] = ["long-term", "session", "role", "other"];

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
function sessionText(found: FoundSession, now: number, style: Style): string {
  const { session, source } = found;
  const paint = secondsLeft(session, now) > 0 ? style.green : style.red;
  return paint(`${timeLeft(session.expiration, now)}${source === "cache" ? " (cached)" : ""}`);
}

/** arn:aws:iam::123456789012:mfa/alice -> 123456789012:mfa/alice; serial numbers as they are. */
function shortSerial(serial: string): string {
  // serial.replace(/^arn:[^:]+:iam::/, ""), without a regular expression for each row
  if (!serial.startsWith("arn:")) return serial;
  const colon = serial.indexOf(":", 4);
  return colon > 4 && serial.startsWith(":iam::", colon) ? serial.slice(colon + 6) : serial;
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
