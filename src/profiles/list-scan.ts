/**
 * `list`'s fast reading of the two files (commands/list/fast-table.ts): one loop over each
 * text that numbers the profiles and keeps where each name and each wanted key's value is in
 * the text, and no string per name or value. Only for the files it fully understands, the
 * ones nearly every user and generator has: printable ASCII, LF or CRLF, no indented line, no
 * `[DEFAULT]`, config headers `[profile NAME]` (a plain name) or `[default]`, not both
 * spellings of `default`. Anything else: undefined, and `list` reads the files the general
 * way (profile-keys.ts), which gives the same answers (tests/commands/list/fast-table.test.ts).
 *
 * What it reads is what key-scan.ts's line loop reads of such a text: a key line splits at
 * its first `=` or `:`, the key right-stripped and lower-cased, the value stripped of spaces,
 * an empty value is none (and hides an earlier one), the last value wins, repeated sections
 * of a name add up, names are numbered at their first header, config first.
 */
import type { AwsTexts } from "../config/aws-files.ts";
import { mayBePlain, plainGiven } from "../ini/simple-read.ts";
import { belowTopTier } from "../system/below-top-tier.ts";
import { ListNames } from "./list-names.ts";
import { KEYS } from "./profile-keys.ts";

export const WIDTH = KEYS.length;
const CR = 13;
const SPACE = 32;

/**
 * Where each wanted key's value is, per profile and file: places[file][2 * (profile * WIDTH
 * + key)] holds the value's start + 1 (0: none), the next place its end. Both tables hold
 * every profile.
 */
export class ScannedKeys {
  /** The texts, once decoded (the C loops read the bytes alone: list-scan-native.ts). */
  private decoded: [string, string] | undefined;

  constructor(
    readonly names: ListNames,
    /** config, credentials: the texts, or what decodes them when first asked (AwsTexts). */
    private readonly source: AwsTexts,
    readonly bytes: [Buffer, Buffer],
    readonly places: [Int32Array, Int32Array],
    readonly scanner: ListScanner = JS_SCANNER,
  ) {}

  /**
   * config, credentials; each text is its bytes, character for character (ASCII). Decoded
   * when first asked (~16 ms for 12 MB at 100,000 profiles): the C loops' table asks for
   * slices only (slice()).
   */
  get texts(): [string, string] {
    this.decoded ??= [this.source.configText ?? "", this.source.credentialsText ?? ""];
    return this.decoded;
  }

  /** texts[file].slice(start, end), from the bytes when the texts were not decoded. */
  slice(file: number, start: number, end: number): string {
    if (this.decoded !== undefined) return this.decoded[file]!.slice(start, end);
    return this.bytes[file]!.toString("latin1", start, end);
  }

  /** texts[file] when already decoded, else undefined (slice() answers without it). */
  decodedText(file: number): string | undefined {
    return this.decoded?.[file];
  }

  get size(): number {
    return this.names.size;
  }

  /** Where the place of key `k` of `profile` is in places[file]. */
  place(profile: number, k: number): number {
    return 2 * (profile * WIDTH + k);
  }

  /**
   * Which file's value of key `k` a profile has (the credentials file wins: profileValue):
   * 1, 0, or -1 for none.
   */
  fileOf(profile: number, k: number): number {
    const at = 2 * (profile * WIDTH + k);
    return this.places[1][at] !== 0 ? 1 : this.places[0][at] !== 0 ? 0 : -1;
  }

  /** The value of key `k` in `file` (0 config, 1 credentials), or undefined. */
  fileValue(file: number, profile: number, k: number): string | undefined {
    const at = 2 * (profile * WIDTH + k);
    const places = this.places[file]!;
    if (places[at] === 0) return undefined;
    return this.slice(file, places[at]! - 1, places[at + 1]!);
  }

  /** profileValue: the credentials file's value, else the config file's. */
  value(profile: number, k: number): string | undefined {
    const file = this.fileOf(profile, k);
    return file < 0 ? undefined : this.fileValue(file, profile, k);
  }

  /** The credentials file's value alone (sessionInFile reads nothing else). */
  credentialsValue(profile: number, k: number): string | undefined {
    return this.fileValue(1, profile, k);
  }
}

/**
 * One file's places (a new table), or undefined when the file is not one this reader
 * understands: scanFile below, or list-scan-native.ts's, which gives the same tables.
 * `names` has both files' bytes (ListNames.useBytes).
 */
export type FileScan = (
  text: string,
  b: Uint8Array,
  file: number,
  names: ListNames,
  expected: number,
) => Int32Array | undefined;

/** How the files are read: scanFile, or list-scan-native.ts's C loops. */
export interface ListScanner {
  file: FileScan;
  /**
   * True when `file` reads the bytes alone and checks them itself (list-scan-native.ts):
   * printable ASCII, no indented line. Its `text` is then "", and the texts are not decoded.
   */
  bytesOnly?: boolean;
  /**
   * Facts' table of names + suffix (list-facts.ts), per suffix: profile -> the profile named
   * its name + that suffix, or -1; undefined when Facts is to work it out.
   */
  suffixed?(names: ListNames, suffixes: readonly string[]): Int32Array[] | undefined;
  /**
   * list-rows.ts's loop over the rows from s[0] on, for the rows it answers by array reads:
   * up to the first row that needs more (a question of Facts, a device to check in full),
   * which it leaves in s[0] (or the rows' count); s[2..5]: the four widths, in and out.
   * `prefix`: SerialChecks' last device prefix.
   */
  summaries?(
    keys: ScannedKeys,
    rows: RowTables,
    suffixed: readonly Int32Array[],
    prefix: string,
    s: Int32Array,
  ): void;
}

/** The tables of list-rows.ts's ListRows that its loop fills per row. */
export interface RowTables {
  kind: Uint8Array;
  partner: Int32Array;
  serialOf: Int32Array;
  serialSlot: Uint8Array;
  serialFile: Int8Array;
  serialStart: Int32Array;
  serialEnd: Int32Array;
  regionFile: Int8Array;
  regionStart: Int32Array;
  regionEnd: Int32Array;
  serving: Uint8Array;
}

export const JS_SCANNER: ListScanner = { file: (...args) => scanFile(...args) };

/**
 * Both files read, or undefined when either is not a file this reader understands. `bytes`:
 * what each text was decoded from (null: no file). `scanner`: how the files are read.
 */
export function scanListKeys(
  texts: AwsTexts,
  bytes: readonly [Buffer | null, Buffer | null],
  scanner: ListScanner = JS_SCANNER,
): ScannedKeys | undefined {
  const configBytes = bytes[0] ?? Buffer.alloc(0);
  const credentialsBytes = bytes[1] ?? Buffer.alloc(0);
  // The C loops check the bytes themselves; the JavaScript reads the texts, checked here.
  const config = scanner.bytesOnly ? "" : (texts.configText ?? "");
  const credentials = scanner.bytesOnly ? "" : (texts.credentialsText ?? "");
  if (!scanner.bytesOnly) {
    // ASCII (mayBePlain): each character is its byte, at the same place
    if (!mayBePlain(config) || !mayBePlain(credentials)) return undefined;
    if (configBytes.length !== config.length || credentialsBytes.length !== credentials.length) {
      return undefined;
    }
  }
  // About how many profiles both files hold (a generated section is ~100 characters)
  const expected = (configBytes.length + credentialsBytes.length) / 96;
  const names = new ListNames(expected);
  names.useBytes(0, configBytes);
  names.useBytes(1, credentialsBytes);
  let configPlaces = scanner.file(config, configBytes, 0, names, expected);
  if (configPlaces === undefined) return undefined;
  const credentialsPlaces = scanner.file(credentials, credentialsBytes, 1, names, expected);
  if (credentialsPlaces === undefined) return undefined;
  const need = 2 * WIDTH * names.size;
  if (configPlaces.length < need) configPlaces = grown(configPlaces, need);
  return new ScannedKeys(
    names,
    texts,
    [configBytes, credentialsBytes],
    [
      configPlaces,
      credentialsPlaces.length < need ? grown(credentialsPlaces, need) : credentialsPlaces,
    ],
    scanner,
  );
}

/** A file's first table of places: room for every profile of both files, as they end up. */
export function placesFor(names: ListNames, end: number, expected: number): Int32Array {
  return new Int32Array(2 * WIDTH * Math.ceil(Math.max(expected, names.size + end / 80) + 16));
}

export function grown(places: Int32Array, need: number): Int32Array {
  const more = new Int32Array(Math.max(need, places.length * 2));
  more.set(places);
  return more;
}

/** For each first character (a key is in lower case): the keys that start with it. */
const BY_FIRST: number[][] = [];
KEYS.forEach((key, k) => {
  const first = key.charCodeAt(0);
  BY_FIRST[first] = [...(BY_FIRST[first] ?? []), k];
});
const SLOTS = new Map<string, number>(KEYS.map((key, k) => [key, k]));

/**
 * One file's places (a new table), or undefined when the file is not one this reader
 * understands. One function, on purpose: JavaScriptCore's first runs of many small functions
 * were most of what `list` cost at scale (docs/performance.md).
 */
export function scanFile(
  text: string,
  b: Uint8Array,
  file: number,
  names: ListNames,
  expected: number,
): Int32Array | undefined {
  const end = text.length;
  const config = file === 0;
  // A space at the very start would indent the first line ("\n " elsewhere: mayBePlain).
  if (end > 0 && (text.charCodeAt(0) === SPACE || text.charCodeAt(0) === 0xfeff)) return undefined;
  // Room for every profile of both files from the start, as the tables must end up with
  // (grown() after the fact copied the config file's table: ~8 MB at 100,000 profiles). A
  // large table costs only the pages written or read (they are zero until then).
  let places = placesFor(names, end, expected);
  let current = -1;
  let lineBreaks = 0;
  let plainDefault = false;
  let profileDefault = false;
  let equals = -1;
  for (let at = 0; at < end; ) {
    // Native searches in the text; single characters read from the bytes (the same here:
    // ASCII), which JavaScriptCore's lower tiers read faster than charCodeAt.
    let stop = text.indexOf("\n", at);
    if (stop < 0) stop = end;
    else lineBreaks++;
    const next = stop + 1;
    // CRLF: the CR is the line break's (key-scan.ts); a CR elsewhere fails plainGiven below.
    if (stop < end && stop > at && b[stop - 1] === CR) {
      stop--;
      lineBreaks++;
    }
    const first = b[at]!;
    if (first === 91 /* [ */) {
      // The line's last `]` (headers.ts), if it leaves a name of one character or more
      let close = stop - 1;
      while (close >= at + 2 && b[close] !== 93) close--;
      if (close >= at + 2) {
        if (close - at === 8 && text.startsWith("DEFAULT", at + 1)) return undefined;
        if (!config) {
          current = names.add(b, file, at + 1, close);
        } else if (text.startsWith("profile", at + 1)) {
          // `[profile NAME]` with a plain name; any other spelling (quotes, two spaces,
          // `[profiles x]`) is shlex's to read.
          if (b[at + 8] !== SPACE || close <= at + 9) return undefined;
          // a plain name (key-scan.ts's plainName), checked here without a call
          for (let i = at + 9; i < close; i++) {
            const c = b[i]!;
            if (c === 32 || c === 9 || c === 34 || c === 39 || c === 92 || c === 13 || c === 10) {
              return undefined;
            }
          }
          current = names.add(b, file, at + 9, close);
          if (close - at === 16 && text.startsWith("default", at + 9)) profileDefault = true;
        } else if (close - at === 8 && text.startsWith("default", at + 1)) {
          current = names.add(b, file, at + 1, close);
          plainDefault = true;
        } else {
          current = -1; // sso-session, services, or no profile at all
        }
        // configparser's aliases: which of the two wins is ProfileIndex's to say
        if (plainDefault && profileDefault) return undefined;
        if (2 * WIDTH * (current + 1) > places.length) {
          places = grown(places, 2 * WIDTH * (current + 1));
        }
        at = next;
        continue;
      }
    }
    if (current < 0 || first === 35 /* # */ || first === 59 /* ; */) {
      at = next;
      continue;
    }
    // A wanted key spelt as it is (what nearly every line holds): its name, spaces, `=` or
    // `:`. No character of a name is one of those, so the line splits there (keyLine's rule).
    let k = -1;
    let split = -1;
    const candidates = BY_FIRST[first];
    for (let i = 0; candidates !== undefined && i < candidates.length; i++) {
      const key = KEYS[candidates[i]!]!;
      if (!text.startsWith(key, at)) continue;
      split = at + key.length;
      while (split < stop && b[split] === SPACE) split++;
      if (split < stop && (b[split] === 61 || b[split] === 58)) {
        k = candidates[i]!;
        break;
      }
    }
    if (k < 0) {
      // The exact rule: up to the first `=` or `:`, right-stripped, lower-cased. The next `=`
      // is looked for again only once passed (a file of lines without one stays linear).
      if (equals < at) {
        equals = text.indexOf("=", at);
        if (equals < 0) equals = end;
      }
      split = equals < stop ? equals : stop;
      let upper = false;
      for (let i = at; i < split; i++) {
        const c = b[i]!;
        if (c === 58 /* : */) {
          split = i;
          break;
        }
        if (c >= 65 && c <= 90) upper = true;
      }
      // A key in lower case that is not one of KEYS as spelt is not wanted
      if (split >= stop || !upper) {
        at = next;
        continue;
      }
      let keyEnd = split;
      while (keyEnd > at && b[keyEnd - 1] === SPACE) keyEnd--;
      k = SLOTS.get(text.slice(at, keyEnd).toLowerCase()) ?? -1;
    }
    if (k >= 0) {
      let from = split + 1;
      let to = stop;
      while (from < to && b[from] === SPACE) from++;
      while (to > from && b[to - 1] === SPACE) to--;
      const place = 2 * (current * WIDTH + k);
      places[place] = from < to ? from + 1 : 0;
      places[place + 1] = to;
    }
    at = next;
  }
  // Printable ASCII but for the line breaks counted (simple-read.ts).
  return plainGiven(text, lineBreaks) ? places : undefined;
}

// ../system/below-top-tier.ts: why
belowTopTier(scanFile);
