/**
 * `awsmfa list`'s table without colour, for the files list-scan.ts understands (printable
 * ASCII, LF or CRLF, what generators and nearly every user write): the profiles read as
 * positions in the texts, summarized as numbers (profiles/list-rows.ts), and each row's cells
 * copied from the texts straight into the bytes of the output. The same bytes write.ts's
 * writeTable writes (tests/commands/list/fast-table.test.ts holds them to it).
 *
 * Why: at 100,000 profiles the general shape (a string per name and value, a summary object
 * per profile, many small functions each run cold) cost ~280 ms; most of it JavaScriptCore's
 * first runs of that code (docs/performance.md, "`list` at scale").
 */
import type { AwsTexts } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { KIND_NAMES, LONG_TERM, ROLE, SESSION } from "../../profiles/list-facts.ts";
import { type ListRows, listRows } from "../../profiles/list-rows.ts";
import { type ScannedKeys, scanListKeys, WIDTH } from "../../profiles/list-scan.ts";
import { type FoundRows, nativeList, type RowsCopy } from "../../profiles/list-scan-native.ts";
import { ListedSessions } from "../../profiles/listed-sessions.ts";
import { Key } from "../../profiles/profile-keys.ts";
import { cachedSessionNames, type FoundSession } from "../../profiles/session-status.ts";
import { belowTopTier } from "../../system/below-top-tier.ts";
import { styleFor } from "../../ui/report.ts";
import { NEWLINE, PIECE, SPACE, sendPiece } from "./table-pieces.ts";
import { sessionText } from "./write.ts";

const PLAIN = styleFor(false);
/**
 * Bytes of both files from which the C loops are used (~800 profiles): their compile
 * (~5 ms) costs a list of 300 profiles ~1.5 ms more, is even at 500, and pays from ~1,000.
 */
export const NATIVE_FROM = 96 * 1024;
/** Places of the token keys within a profile's (list-scan.ts). */
const TOKEN = 2 * Key.token;
const OLD_TOKEN = 2 * Key.oldToken;

/**
 * Writes the table and returns true, or returns false having written nothing when the files
 * are not ones list-scan.ts reads (or hold no profile): the caller lists them the general way.
 * `nativeFrom`: NATIVE_FROM, or another size for the tests of the C loops.
 */
export async function writeFastTable(
  texts: AwsTexts,
  bytes: readonly [Buffer | null, Buffer | null],
  deps: Deps,
  nativeFrom = NATIVE_FROM,
): Promise<boolean> {
  // Larger files are read, summed up and written by the C loops where they can be had
  // (list-scan-native.ts; NATIVE_FROM says from what size).
  const size = (bytes[0]?.length ?? 0) + (bytes[1]?.length ?? 0);
  const native =
    size >= nativeFrom ? await nativeList(deps.platform, deps.arch, deps.env) : undefined;
  const keys = scanListKeys(texts, bytes, native?.scanner);
  if (keys === undefined || keys.size === 0) return false;
  const rows = listRows(keys);
  const sessions = await ListedSessions.of(keys, texts, deps, await cachedSessionNames(deps));
  // Every session is found before anything is written (runList's order and errors). Per
  // row: 0 no session of its own ("-"), 1 none, 2 found. The rows are gone through by a
  // function that is not async, up to a row that has to wait: in an async function each
  // variable that lives across an await is a slot of its frame object, and 100,000 rows of
  // such reads cost ~10 ms (docs/performance.md, eighth step).
  const found = new Found(keys.size);
  const waiting: Promise<FoundSession | undefined>[] = [];
  for (
    let profile = sessionsFrom(keys, rows, sessions, found, 0, waiting, native?.foundRows);
    profile < keys.size;
    profile = sessionsFrom(keys, rows, sessions, found, profile + 1, waiting, native?.foundRows)
  ) {
    found.note(profile, await waiting[0]!);
  }
  found.textsAt(deps.clock.now());
  writeRows(keys, rows, found.state, found.cells, deps, native?.copyRows);
  return true;
}

/** Each row's session: state 0 no session of its own ("-"), 1 none, 2 found (and its text). */
class Found {
  readonly state: Uint8Array;
  readonly sessions: FoundSession[] = [];
  readonly cells: string[] = [];
  /** How many rows have a session (none, usually: textsAt has no row to go through). */
  private count = 0;

  constructor(size: number) {
    this.state = new Uint8Array(size);
  }

  note(profile: number, session: FoundSession | undefined): void {
    this.state[profile] = session === undefined ? 1 : 2;
    if (session !== undefined) {
      this.sessions[profile] = session;
      this.count++;
    }
  }

  /** The SESSION cells of the rows with a session, as of `now`. */
  textsAt(now: number): void {
    const { state, sessions, cells } = this;
    if (this.count === 0) return;
    for (let profile = 0; profile < state.length; profile++) {
      if (state[profile] === 2) cells[profile] = sessionText(sessions[profile]!, now, PLAIN);
    }
  }
}

/**
 * The sessions of rows `from`, `from + 1`, ... noted in `found`, up to the first row whose
 * session has to be waited for: its number, with the promise in waiting[0]; or the number of
 * rows. The rows are asked in order, one at a time, as runList asks them. `foundRows`: the C
 * loop for the rows answered by array reads (list-rows-c.ts list_found, the same answers as
 * the loop below; ~6 ms of JavaScript at 100,000 profiles), up to a row this loop answers.
 */
function sessionsFrom(
  keys: ScannedKeys,
  rows: ListRows,
  sessions: ListedSessions,
  found: Found,
  from: number,
  waiting: Promise<FoundSession | undefined>[],
  foundRows?: FoundRows,
): number {
  const credentials = keys.places[1];
  const { listsAny, devices } = sessions;
  for (let profile = from; profile < keys.size; profile++) {
    if (foundRows !== undefined) {
      profile = foundRows(profile, keys, rows, found.state, listsAny, devices);
      if (profile >= keys.size) break;
    }
    const kind = rows.kind[profile]!;
    if (kind === ROLE) {
      waiting[0] = sessions.role(keys.names.name(profile));
      return profile;
    }
    if (kind === SESSION || (kind === LONG_TERM && rows.serving[profile] === 0)) {
      // What ownSession finds of nearly every row, here without a call: nothing, when the
      // credentials file has no token for it and the cache no session for its device.
      const token = 2 * WIDTH * profile + TOKEN;
      const oldToken = 2 * WIDTH * profile + OLD_TOKEN;
      if (credentials[token] === 0 && credentials[oldToken] === 0) {
        const owner = rows.serialOf[profile]!;
        if (rows.partner[profile]! < 0 || owner < 0 || !listsAny) {
          found.state[profile] = 1;
          continue;
        }
        if (devices !== undefined) {
          // mayHold without the device's string (at 100,000 profiles a substring per row,
          // hashed for a set, cost ~10 ms)
          const at = 2 * (WIDTH * owner + rows.serialSlot[profile]!);
          const file = credentials[at] !== 0 ? 1 : 0;
          const start = keys.places[file]![at]! - 1;
          const length = keys.places[file]![at + 1]! - start;
          if (!devices.has(keys.bytes[file]!, start, length)) {
            found.state[profile] = 1;
            continue;
          }
        }
      }
      const session = ownSession(keys, rows, sessions, profile);
      if (session instanceof Promise) {
        waiting[0] = session;
        return profile;
      }
      found.note(profile, session);
    }
  }
  return keys.size;
}

/** ListedSessions.find for a session or long-term row: in the file, else in the cache. */
function ownSession(
  keys: ScannedKeys,
  rows: ListRows,
  sessions: ListedSessions,
  profile: number,
): FoundSession | undefined | Promise<FoundSession | undefined> {
  // sessionInFile needs all three in the credentials file: most rows have no token there
  const credentials = keys.places[1];
  const token = keys.place(profile, Key.token);
  const oldToken = keys.place(profile, Key.oldToken);
  if (
    (token < credentials.length && credentials[token] !== 0) ||
    (oldToken < credentials.length && credentials[oldToken] !== 0)
  ) {
    const inFile = sessions.sessionInFile(profile);
    if (inFile) return { session: inFile, source: "file" };
  }
  const partner = rows.partner[profile]!;
  const owner = rows.serialOf[profile]!;
  if (partner < 0 || owner < 0 || !sessions.listsAny) return undefined;
  // The device's text (sessionsFrom has already passed over rows whose device the cache
  // folder cannot hold, where the devices were read ahead)
  const slot = rows.serialSlot[profile]!;
  const file = keys.fileOf(owner, slot);
  const at = keys.place(owner, slot);
  const start = keys.places[file]![at]! - 1;
  const end = keys.places[file]![at + 1]!;
  const serial = keys.slice(file, start, end);
  if (!sessions.mayHold(serial)) return undefined;
  return sessions.cached({ longTermKeyId: rows.facts.longTermKeyId(partner), serial });
}

/**
 * The header and every row, the first four columns padded, two spaces between columns. With
 * `copyRows`, the rows are copied by C (profiles/list-rows-c.ts) but those with a session's
 * text, which are written here.
 */
function writeRows(
  keys: ScannedKeys,
  rows: ListRows,
  state: Uint8Array,
  cells: readonly string[],
  deps: Pick<Deps, "io">,
  copyRows?: RowsCopy,
): void {
  const { size, bytes, names } = keys;
  const [nameWidth, kindWidth, serialWidth, regionWidth] = rows.widths;
  const { serialFile, serialStart, serialEnd, regionFile, regionStart, regionEnd } = rows;
  const longest = nameWidth + kindWidth + serialWidth + regionWidth + 8 + 64;
  let out = Buffer.alloc(PIECE + longest, SPACE);
  let at = put(out, 0, "PROFILE", nameWidth + 2);
  at = put(out, at, "KIND", kindWidth + 2);
  at = put(out, at, "MFA DEVICE", serialWidth + 2);
  at = put(out, at, "REGION", regionWidth + 2);
  at = put(out, at, "SESSION", 0);
  out[at++] = NEWLINE;
  // Cells copied from the files' bytes (Buffer.copy: one native copy per cell, ~4x faster
  // than a loop over character codes at this size); the padding is there already. The
  // constant cells are stored byte by byte, without a call (each column is wider than they).
  for (let profile = 0; profile < size; profile++) {
    if (copyRows !== undefined && state[profile] !== 2) {
      const [end, next] = copyRows(out, at, profile, PIECE, keys, rows, state);
      at = end >= PIECE ? sendPiece(out, end, deps) : end;
      profile = next; // the next row the loop comes to
      // C stops at a session's text, a full piece, or a row too long for the room left,
      // which is written below.
      if (profile >= size || state[profile] === 2 || end >= PIECE) {
        profile--;
        continue;
      }
    }
    const has = state[profile]!;
    const session = has === 2 ? cells[profile]! : "";
    // A session text longer than the margin (it never is: "12h59m left (cached)"), or a cell
    // wider than its column (one wider than PADDED_UP_TO, ui/table.ts), gets room.
    const need = longest + session.length + overWidths(rows, names, profile);
    if (at + need > out.length) {
      at = sendPiece(out, at, deps);
      out = Buffer.alloc(Math.max(out.length, PIECE + need), SPACE);
    }
    const nameStart = names.start[profile]!;
    const nameEnd = names.end[profile]!;
    bytes[names.file[profile]!]!.copy(out, at, nameStart, nameEnd);
    at += Math.max(nameWidth, nameEnd - nameStart) + 2;
    const kind = KIND_CELLS[rows.kind[profile]!]!;
    for (let i = 0; i < kind.length; i++) out[at + i] = kind[i]!;
    at += kindWidth + 2;
    const serial = serialFile[profile]!;
    if (serial === 2) at = put(out, at, "invalid", serialWidth + 2);
    else if (serial < 0) {
      out[at] = DASH;
      at += serialWidth + 2;
    } else {
      bytes[serial]!.copy(out, at, serialStart[profile]!, serialEnd[profile]!);
      at += Math.max(serialWidth, serialEnd[profile]! - serialStart[profile]!) + 2;
    }
    const region = regionFile[profile]!;
    if (region < 0) {
      out[at] = DASH;
      at += regionWidth + 2;
    } else {
      bytes[region]!.copy(out, at, regionStart[profile]!, regionEnd[profile]!);
      at += Math.max(regionWidth, regionEnd[profile]! - regionStart[profile]!) + 2;
    }
    if (has === 0) out[at++] = DASH;
    else if (has === 1) {
      for (let i = 0; i < NONE.length; i++) out[at + i] = NONE[i]!;
      at += NONE.length;
    } else at = put(out, at, session, 0);
    out[at++] = NEWLINE;
    if (at >= PIECE) at = sendPiece(out, at, deps);
  }
  sendPiece(out, at, deps);
}

/** How many bytes wider than their columns the row's name, device and region cells are. */
function overWidths(rows: ListRows, names: ScannedKeys["names"], profile: number): number {
  const [nameWidth, , serialWidth, regionWidth] = rows.widths;
  const name = names.end[profile]! - names.start[profile]!;
  const serial =
    rows.serialFile[profile]! === 0 || rows.serialFile[profile]! === 1
      ? rows.serialEnd[profile]! - rows.serialStart[profile]!
      : 0;
  const region =
    rows.regionFile[profile]! >= 0 ? rows.regionEnd[profile]! - rows.regionStart[profile]! : 0;
  return (
    Math.max(0, name - nameWidth) +
    Math.max(0, serial - serialWidth) +
    Math.max(0, region - regionWidth)
  );
}

/** The KIND cells (as wide as the column's widest, or narrower) and the constant ones. */
const KIND_CELLS = KIND_NAMES.map((kind) => Uint8Array.from(kind, (c) => c.charCodeAt(0)));
const NONE = Uint8Array.from("none", (c) => c.charCodeAt(0));
const DASH = 45;

/**
 * `text` (ASCII) into out at `at`, padded with spaces to `width` in all (none when as long or
 * longer); where the next byte goes. `out` holds spaces where nothing was written yet.
 */
function put(out: Uint8Array, at: number, text: string, width: number): number {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + Math.max(width, text.length);
}

// ../../system/below-top-tier.ts: why
belowTopTier(writeFastTable, sessionsFrom, ownSession, writeRows, overWidths, put);
