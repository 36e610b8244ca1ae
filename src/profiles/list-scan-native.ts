/**
 * list-scan.ts's scanFile, and list-facts.ts's pass over every name for the long-term
 * suffixes, run as C (list-scan-c.ts, compiled in this process by system/native-code.ts)
 * where that can be had: Linux on x64 and arm64 with glibc. The same tables for the same
 * files (tests/profiles/list-scan-native.test.ts compares them on random files); anywhere
 * else, or when the compile fails, nativeListScanner() is undefined and the JavaScript reads
 * the files.
 *
 * Why: at 100,000 profiles scanFile was ~70 ms of `list`'s ~190 and the suffix pass ~10; the
 * C loops take ~25 and ~3, compiling them ~4-5 ms. So they are used for large files only
 * (commands/list/fast-table.ts): for a few hundred profiles the compile costs more than it
 * saves (docs/performance.md).
 */
import { compileC } from "../system/native-code.ts";
import { DeviceTable } from "./device-table.ts";
import { KIND_NAMES } from "./list-facts.ts";
import type { ListNames } from "./list-names.ts";
import type { ListRows } from "./list-rows.ts";
import { LIST_ROWS_C } from "./list-rows-c.ts";
import {
  grown,
  type ListScanner,
  placesFor,
  type RowTables,
  type ScannedKeys,
  WIDTH,
} from "./list-scan.ts";
import { LIST_SCAN_C } from "./list-scan-c.ts";
import { KEYS, Key, SERIAL_SLOTS } from "./profile-keys.ts";

/** list_scan's answers and the places of its state[] (list-scan-c.ts). */
const DONE = 0;
const MORE_PLACES = 2;
const MORE_NAMES = 3;
const S_CURRENT = 1;
const S_BREAKS = 2;
const S_SIZE = 5;
const S_MASK = 6;
const S_ROOM = 7;
const S_PLACES = 8;
const S_WIDTH = 9;

type ListScan = (
  config: Uint8Array,
  credentials: Uint8Array,
  end: number,
  file: number,
  state: Int32Array,
  places: Int32Array,
  nameFile: Uint8Array,
  nameStart: Int32Array,
  nameEnd: Int32Array,
  nameHash: Int32Array,
  slots: Int32Array,
  keys: Uint8Array,
  memchr: number,
  present: Uint8Array,
) => number;

/** The wanted keys for C: each, then a NUL; a NUL after the last. */
const KEY_LIST = Buffer.from(`${KEYS.join("\0")}\0\0`);

type ListSuffixed = (
  config: Uint8Array,
  credentials: Uint8Array,
  size: number,
  nameFile: Uint8Array,
  nameStart: Int32Array,
  nameEnd: Int32Array,
  nameHash: Int32Array,
  slots: Int32Array,
  mask: number,
  suffixes: Uint8Array,
  out: Int32Array,
) => number;

type ListRowsCopy = (
  out: Uint8Array,
  config: Uint8Array,
  credentials: Uint8Array,
  pos: Int32Array,
  nameFile: Uint8Array,
  nameStart: Int32Array,
  nameEnd: Int32Array,
  kind: Uint8Array,
  kindCells: Uint8Array,
  serialFile: Int8Array,
  serialStart: Int32Array,
  serialEnd: Int32Array,
  regionFile: Int8Array,
  regionStart: Int32Array,
  regionEnd: Int32Array,
  state: Uint8Array,
  memcpy: number,
) => number;

type ListSummaries = (
  config: Uint8Array,
  credentials: Uint8Array,
  configPlaces: Int32Array,
  credentialsPlaces: Int32Array,
  width: number,
  s: Int32Array,
  keyNumbers: Int32Array,
  suffixed0: Int32Array,
  suffixed1: Int32Array,
  suffixed2: Int32Array,
  prefix: Uint8Array,
  prefixLength: number,
  kind: Uint8Array,
  partner: Int32Array,
  serialOf: Int32Array,
  serialSlot: Uint8Array,
  serialFile: Int8Array,
  serialStart: Int32Array,
  serialEnd: Int32Array,
  regionFile: Int8Array,
  regionStart: Int32Array,
  regionEnd: Int32Array,
  serving: Uint8Array,
  nameStart: Int32Array,
  nameEnd: Int32Array,
  kindLength: Int32Array,
  present: Uint8Array,
  configSize: number,
) => number;

/** b's control characters (list-scan-c.ts), -1 when a byte is not ASCII. */
type ListControls = (b: Uint8Array, end: number) => number;

type ListFound = (
  from: number,
  size: number,
  width: number,
  tokens: Int32Array,
  configPlaces: Int32Array,
  credentialsPlaces: Int32Array,
  config: Uint8Array,
  credentials: Uint8Array,
  kinds: Uint8Array,
  serving: Uint8Array,
  partners: Int32Array,
  serialOf: Int32Array,
  serialSlot: Uint8Array,
  listsAny: number,
  devices: Uint8Array,
  deviceEnds: Int32Array,
  deviceCount: number,
  deviceSlots: Int32Array,
  slotMask: number,
  state: Uint8Array,
  present: Uint8Array,
  configSize: number,
  pending: Int32Array,
  room: number,
) => number;

interface Compiled {
  scan: ListScan;
  found: ListFound;
  controls: ListControls;
  suffixed: ListSuffixed;
  summaries: ListSummaries;
  rows: ListRowsCopy;
  memchr: number;
  memcpy: number;
}

/**
 * fast-table.ts writeRows' rows copied by C into `out` from row `row` at `at`: up to a row
 * whose SESSION cell is a text (state 2), once `at` reaches `limit`, or at a row that would
 * not fit in the rest of `out` (a cell wider than PADDED_UP_TO, ui/table.ts, pads no column,
 * so the margin of `out` is no room for it). Where it stopped: [at, the next row].
 */
export type RowsCopy = (
  out: Uint8Array,
  at: number,
  row: number,
  limit: number,
  keys: ScannedKeys,
  rows: ListRows,
  state: Uint8Array,
) => readonly [number, number];

/**
 * fast-table.ts sessionsFrom's rows answered by array reads (list-rows-c.ts list_found), from
 * row `from` on: state 1 for a row with no session to look for, up to the first row that needs
 * more; that row's number, or the rows' count. Rows past it may be answered already (C goes
 * ahead, foundWith): the next call, from the row after it, goes on from there. `devices`:
 * ListedSessions.devices.
 */
export type FoundRows = (
  from: number,
  keys: ScannedKeys,
  rows: ListRows,
  state: Uint8Array,
  listsAny: boolean,
  devices: DeviceTable | undefined,
) => number;

/** The C loops: the scanner, the rows' sessions, and the table's rows. */
export interface NativeList {
  scanner: ListScanner;
  foundRows: FoundRows;
  copyRows: RowsCopy;
}

/** The compiled loops and memchr's address, once per process (null: not to be had here). */
let compiled: Promise<Compiled | null> | undefined;

/** The C loops, or undefined where they cannot be had (above). */
export async function nativeList(
  platform: string,
  arch: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<NativeList | undefined> {
  compiled ??= compileC(
    platform,
    arch,
    LIST_SCAN_C + LIST_ROWS_C,
    {
      // config, credentials, end, file, state, places, the names' five tables, keys, memchr
      list_scan: { args: ["ptr", "ptr", "i32", "i32", ...Array(10).fill("ptr")], returns: "i32" },
      // the bytes, their length
      list_controls: { args: ["ptr", "i32"], returns: "i32" },
      // from, size, width, tokens, the places, the bytes, kinds, serving, partners, serialOf,
      // serialSlot, listsAny, devices, their ends and count, their slots and the slots' mask,
      // state, present, configSize, the rows left to JavaScript and their room
      list_found: {
        args: [
          "i32",
          "i32",
          "i32",
          ...Array(9).fill("ptr"),
          "ptr",
          "i32",
          "ptr",
          "ptr",
          "i32",
          "ptr",
          "i32",
          "ptr",
          "ptr",
          "i32",
          "ptr",
          "i32",
        ],
        returns: "i32",
      },
      // config, credentials, size, the names' five tables, mask, suffixes, out
      list_suffixed: {
        args: ["ptr", "ptr", "i32", "ptr", "ptr", "ptr", "ptr", "ptr", "i32", "ptr", "ptr"],
        returns: "i32",
      },
      // out, config, credentials, pos, the names' three, kinds, kind cells, the cells' six, state, memcpy
      list_rows: { args: Array(17).fill("ptr"), returns: "i32" },
      // the bytes, the places, width, s, the Key numbers, three suffix tables, the prefix and
      // its length, the eleven row tables, the names' starts and ends, the kinds' lengths,
      // present, configSize
      list_summaries: {
        args: [
          "ptr",
          "ptr",
          "ptr",
          "ptr",
          "i32",
          "ptr",
          "ptr",
          "ptr",
          "ptr",
          "ptr",
          "ptr",
          "i32",
          ...Array(15).fill("ptr"),
          "i32",
        ],
        returns: "i32",
      },
    },
    env,
  ).then((c) => {
    if (c === undefined) return null;
    const { list_scan, list_controls, list_found, list_suffixed, list_rows, list_summaries } =
      c.library.symbols;
    return {
      scan: list_scan as unknown as ListScan,
      found: list_found as unknown as ListFound,
      controls: list_controls as unknown as ListControls,
      suffixed: list_suffixed as unknown as ListSuffixed,
      summaries: list_summaries as unknown as ListSummaries,
      rows: list_rows as unknown as ListRowsCopy,
      memchr: c.memchr,
      memcpy: c.memcpy,
    };
  });
  const native = await compiled;
  if (native === null) return undefined;
  return {
    scanner: {
      file: (_text, b, file, names, expected) => scanWith(native, b, file, names, expected),
      bytesOnly: true,
      suffixed: (names, suffixes) => suffixedWith(native.suffixed, names, suffixes),
      summaries: (keys, rows, suffixed, prefix, s) =>
        summariesWith(native.summaries, keys, rows, suffixed, prefix, s),
    },
    foundRows: (from, keys, rows, state, listsAny, devices) =>
      foundWith(native.found, from, keys, rows, state, listsAny, devices),
    copyRows: (out, at, row, limit, keys, rows, state) =>
      rowsWith(native.rows, native.memcpy, out, at, row, limit, keys, rows, state),
  };
}

/** The Key numbers list_summaries reads (list-rows-c.ts), in its order. */
const KEY_NUMBERS = Int32Array.from([
  Key.roleArn,
  Key.keyId,
  Key.secret,
  Key.region,
  Key.partner,
  Key.store,
  ...SERIAL_SLOTS,
]);
const KIND_LENGTHS = Int32Array.from(KIND_NAMES, (name) => name.length);
/** The last prefix handed over, as bytes. */
let prefixText = "";
let prefixBytes = new Uint8Array(1);

/** ListScanner.summaries by the C loop; anything unusual is left to list-rows.ts (s[0]). */
function summariesWith(
  summaries: ListSummaries,
  keys: ScannedKeys,
  rows: RowTables,
  suffixed: readonly Int32Array[],
  prefix: string,
  s: Int32Array,
): void {
  // Three suffixes (LONG_TERM_SUFFIXES) and three device keys, as the C loop reads them
  if (suffixed.length !== 3 || SERIAL_SLOTS.length !== 3 || keys.size === 0) return;
  if (prefix !== prefixText) {
    prefixText = prefix;
    prefixBytes = prefix.length > 0 ? Buffer.from(prefix, "latin1") : new Uint8Array(1);
  }
  summaries(
    nonEmpty(keys.bytes[0]),
    nonEmpty(keys.bytes[1]),
    keys.places[0],
    keys.places[1],
    WIDTH,
    s,
    KEY_NUMBERS,
    suffixed[0]!,
    suffixed[1]!,
    suffixed[2]!,
    prefixBytes,
    prefix.length,
    rows.kind,
    rows.partner,
    rows.serialOf,
    rows.serialSlot,
    rows.serialFile,
    rows.serialStart,
    rows.serialEnd,
    rows.regionFile,
    rows.regionStart,
    rows.regionEnd,
    rows.serving,
    keys.names.start,
    keys.names.end,
    KIND_LENGTHS,
    presentOf(keys),
    keys.names.configSize,
  );
}

/** The KIND cells for C: 16 bytes each, the length and then the characters. */
const KIND_CELLS = new Uint8Array(16 * KIND_NAMES.length);
KIND_NAMES.forEach((name, i) => {
  KIND_CELLS[16 * i] = name.length;
  for (let j = 0; j < name.length; j++) KIND_CELLS[16 * i + 1 + j] = name.charCodeAt(j);
});

const pos = new Int32Array(9);
const TOKENS = Int32Array.from([2 * Key.token, 2 * Key.oldToken]);
/** No devices read: C gets arrays of one element (an empty one would be a null pointer). */
const NO_DEVICES = new DeviceTable([]);

/**
 * The rows list_found left to sessionsFrom, ahead of the row asked for: a call into C costs
 * ~25 us (its 24 arguments), so one call finds up to PENDING_ROOM of them, not one per call
 * (1,000 cached sessions at 100,000 profiles: 1,000 calls, ~25 ms). Kept for one table (its
 * state array); the rows below `end` not among them are answered.
 */
const PENDING_ROOM = 4096;
const pending = new Int32Array(1 + PENDING_ROOM);
const ahead: { state?: Uint8Array; next: number; count: number; end: number } = {
  next: 0,
  count: 0,
  end: 0,
};

function foundWith(
  found: ListFound,
  from: number,
  keys: ScannedKeys,
  rows: ListRows,
  state: Uint8Array,
  listsAny: boolean,
  devices: DeviceTable | undefined,
): number {
  if (ahead.state !== state) {
    ahead.state = state;
    ahead.next = ahead.count = 0;
    ahead.end = from;
  }
  for (;;) {
    while (ahead.next < ahead.count && pending[1 + ahead.next]! < from) ahead.next++;
    if (ahead.next < ahead.count) return pending[1 + ahead.next++]!;
    const start = Math.max(from, ahead.end);
    if (start >= keys.size) return keys.size;
    const end = foundFrom(found, start, keys, rows, state, listsAny, devices);
    ahead.next = 0;
    ahead.count = pending[0]!;
    ahead.end = end;
    // C answered nothing past `start` (it leaves every row to sessionsFrom): that row is next
    if (ahead.count === 0) return end;
  }
}

function foundFrom(
  found: ListFound,
  from: number,
  keys: ScannedKeys,
  rows: ListRows,
  state: Uint8Array,
  listsAny: boolean,
  devices: DeviceTable | undefined,
): number {
  const table = devices ?? NO_DEVICES;
  return found(
    from,
    keys.size,
    WIDTH,
    TOKENS,
    keys.places[0],
    keys.places[1],
    nonEmpty(keys.bytes[0]),
    nonEmpty(keys.bytes[1]),
    rows.kind,
    rows.serving,
    rows.partner,
    rows.serialOf,
    rows.serialSlot,
    listsAny ? 1 : 0,
    table.bytes,
    table.ends,
    devices === undefined ? -1 : devices.count,
    table.slots,
    table.slots.length - 1,
    state,
    presentOf(keys),
    keys.names.configSize,
    pending,
    PENDING_ROOM,
  );
}

/** The profiles the credentials file names (none when it is empty), one byte each. */
function presentOf(keys: ScannedKeys): Uint8Array {
  const { present } = keys.names;
  if (present !== undefined && present.length >= keys.size) return present;
  return new Uint8Array(Math.max(1, keys.size));
}

function rowsWith(
  copy: ListRowsCopy,
  memcpy: number,
  out: Uint8Array,
  at: number,
  row: number,
  limit: number,
  keys: ScannedKeys,
  rows: ListRows,
  state: Uint8Array,
): readonly [number, number] {
  const { names } = keys;
  pos[0] = at;
  pos[1] = row;
  pos[2] = limit;
  pos[3] = keys.size;
  pos.set(rows.widths, 4);
  pos[8] = out.length;
  copy(
    out,
    nonEmpty(keys.bytes[0]),
    nonEmpty(keys.bytes[1]),
    pos,
    names.file,
    names.start,
    names.end,
    rows.kind,
    KIND_CELLS,
    rows.serialFile,
    rows.serialStart,
    rows.serialEnd,
    rows.regionFile,
    rows.regionStart,
    rows.regionEnd,
    state,
    memcpy,
  );
  return [pos[0]!, pos[1]!];
}

function nonEmpty(b: Uint8Array): Uint8Array {
  return b.length > 0 ? b : ONE;
}

/** Facts' suffix table (list-scan.ts ListScanner.suffixed), by the C loop. */
function suffixedWith(
  suffixed: ListSuffixed,
  names: ListNames,
  suffixes: readonly string[],
): Int32Array[] | undefined {
  const { size } = names;
  if (size === 0) return undefined;
  const out = new Int32Array(size * suffixes.length).fill(-1);
  const config = names.bytesOf(0);
  const credentials = names.bytesOf(1);
  const answer = suffixed(
    config.length > 0 ? config : ONE,
    credentials.length > 0 ? credentials : ONE,
    size,
    names.file,
    names.start,
    names.end,
    names.hashes,
    names.slots,
    names.mask,
    Buffer.from(`${suffixes.join("\0")}\0\0`),
    out,
  );
  if (answer !== DONE) return undefined;
  return suffixes.map((_, i) => out.subarray(i * size, (i + 1) * size));
}

/**
 * scanFile's answer, by the C loop: called again after each table it filled is grown. From
 * the bytes alone (no text decoded: ~16 ms for 12 MB at 100,000 profiles), checked as
 * scanListKeys and scanFile check the text: ASCII (list_controls), no indented line
 * (list_scan), no control character but the line breaks.
 */
function scanWith(
  native: Compiled,
  b: Uint8Array,
  file: number,
  names: ListNames,
  expected: number,
): Int32Array | undefined {
  // An empty table is no pointer to hand over; an empty file holds nothing to scan.
  if (b.length === 0) return placesFor(names, 0, expected);
  const config = names.bytesOf(0);
  const credentials = names.bytesOf(1);
  let places = placesFor(names, b.length, expected);
  // The credentials file's profiles (list_scan marks them; list-rows-c.ts reads no other's row)
  let present = file === 1 ? new Uint8Array(names.file.length) : ONE;
  const state = new Int32Array(10);
  state[S_CURRENT] = -1;
  state[S_WIDTH] = WIDTH;
  for (;;) {
    state[S_SIZE] = names.size;
    state[S_MASK] = names.mask;
    state[S_ROOM] = names.file.length;
    state[S_PLACES] = places.length;
    const answer = native.scan(
      config.length > 0 ? config : ONE,
      credentials.length > 0 ? credentials : ONE,
      b.length,
      file,
      state,
      places,
      names.file,
      names.start,
      names.end,
      names.hashes,
      names.slots,
      KEY_LIST,
      native.memchr,
      present,
    );
    names.size = state[S_SIZE]!;
    if (answer === DONE) {
      if (native.controls(b, b.length) !== state[S_BREAKS]!) return undefined;
      if (file === 0) names.configSize = names.size;
      else names.present = present;
      return places;
    }
    if (answer === MORE_PLACES) {
      places = grown(places, 2 * WIDTH * (state[S_CURRENT]! + 1));
    } else if (answer === MORE_NAMES) {
      names.makeRoom();
      if (file === 1 && present.length < names.file.length) {
        const more = new Uint8Array(names.file.length);
        more.set(present);
        present = more;
      }
    } else {
      return undefined;
    }
  }
}

/** What stands for a file without bytes (never read: it holds no name). */
const ONE = new Uint8Array(1);
