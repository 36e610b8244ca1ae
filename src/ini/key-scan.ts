/**
 * A few keys of every profile of a file, read in one pass over its lines: for `awsmfa list`,
 * which needs about fifteen keys of each of up to 100,000 profiles. ProfileIndex.get makes an
 * object of every key per profile, and each question is a lookup of a name; here each line is
 * looked at once, only the wanted keys are cut out, and nothing is made per profile but its
 * name: profiles are numbered by a NameTable shared by both files, and the values go into a
 * KeyValues per file.
 *
 * What it gives is exactly profileIndex(text, kind).get(name)[keys[k]] for every profile, with
 * "" and nested blocks as undefined (no reader of these keys tells them from a missing key),
 * each name numbered at its first header. Simple sections (simple-read.ts) are read here; a
 * profile with a section that is not simple, or whose headers are spelt two ways (`[default]`
 * and `[profile default]`), is read by ProfileIndex; a file with `[DEFAULT]` or an indented
 * header is read whole by it. tests/ini/key-scan.test.ts holds them to the same answers.
 */
import { belowTopTier } from "../system/below-top-tier.ts";
import { findHeaders } from "./headers.ts";
import type { KeyValues } from "./key-values.ts";
import type { NameTable } from "./name-table.ts";
import { OddCharacters } from "./odd-characters.ts";
import { profileIndex } from "./profile-index.ts";
import { type FileKind, profileNameOf } from "./profiles.ts";
import type { IniValues } from "./read.ts";
import { BOM, mayBePlain, OddSpots, oddAnywhere, plainGiven } from "./simple-read.ts";

/** The spelling of a profile's header `profile NAME` (the only one that cannot alias another). */
const PLAIN = "\0plain";

/**
 * Reads the wanted keys of every profile of `text` into `values`, numbering the profiles in
 * `names` (a name the table has already keeps its number). True when every name and value
 * read from it is printable ASCII: the text is, with LF line breaks (CRLF too when `quick`).
 *
 * `quick`: whether the text is printable ASCII is decided by native scans, the last one after
 * the lines are read (simple-read.ts's mayBePlain and plainGiven: at 100,000 profiles ~7 ms
 * less than the regular expression), and CRLF line breaks and a byte-order mark are read as
 * simple too (they were read by ProfileIndex, section by section: ~7x the time and ~300 MiB
 * at 100,000 profiles).
 * Then undefined means that a rare odd character (a control character other than tab, a CR
 * not before an LF) was found only after the lines were read as simple, or a CRLF text holds
 * `[DEFAULT]`: `names` and `values` hold what they hold, and the caller reads both files
 * again, into new tables, without `quick`.
 */
export function scanKeys(
  text: string,
  kind: FileKind,
  keys: readonly string[],
  names: NameTable,
  values: KeyValues,
  quick = false,
): boolean | undefined {
  return new KeyScan(text, kind, keys, names, values).run(quick);
}

class KeyScan {
  /**
   * First character code (lower case) -> the wanted keys that start with it, and their places
   * at the same index: two flat arrays, since destructuring a [key, place] pair per key tried
   * costs an iteration of its own.
   */
  private readonly byFirst: (string[] | undefined)[] = [];
  private readonly placesByFirst: number[][] = [];
  private readonly slots = new Map<string, number>();
  /** Ordinals of the profiles read by ProfileIndex instead. */
  private readonly general = new Set<number>();
  /** Ordinal -> the spelling of its first header in this file (config files only). */
  private readonly spelling: (string | undefined)[] = [];
  /** Each key's last value read (see value()). */
  private readonly last: (string | undefined)[] = [];
  /** The number of the profile whose section is being read; -1 outside a profile's section. */
  private current = -1;
  /** The characters of the line breaks lines() has passed, LFs and CRs (plainGiven wants them). */
  private lineBreaks = 0;
  /** Mixed texts (see mixed()): where the odd characters are, and where this section starts. */
  private odd: OddCharacters | undefined;
  private sectionStart = 0;

  constructor(
    private readonly text: string,
    private readonly kind: FileKind,
    private readonly keys: readonly string[],
    private readonly names: NameTable,
    private readonly values: KeyValues,
  ) {
    keys.forEach((key, slot) => {
      this.slots.set(key, slot);
      const first = key.charCodeAt(0);
      this.byFirst[first] = [...(this.byFirst[first] ?? []), key];
      this.placesByFirst[first] = [...(this.placesByFirst[first] ?? []), slot];
    });
  }

  run(quick: boolean): boolean | undefined {
    const { text } = this;
    // A byte-order mark (PowerShell 5's UTF-8 files) is skipped, as every reader skips it.
    const from = quick && text.startsWith(BOM) ? 1 : 0;
    // A space at the very start may indent a header (findHeaders knows); "\n " is odd.
    const simple = text.charCodeAt(from) !== 32 && (quick ? mayBePlain(text) : !oddAnywhere(text));
    // A few odd characters (a name or a comment not in ASCII, a tab) in a text of simple lines
    if (quick && !simple && text.charCodeAt(from) !== 32) {
      const mixed = this.mixed(from);
      if (mixed !== undefined) return mixed;
    }
    // What generators write: every section is simple, and no header is indented.
    const read = simple ? this.lines(from, text.length) : this.sections();
    // Where lines() stopped early at [DEFAULT], it did not count every line break (a CRLF
    // text is then read again, the exact way).
    const plain = read ? plainGiven(text, this.lineBreaks) : !oddAnywhere(text);
    if (simple && quick && !plain) return undefined;
    if (!read) {
      this.whole();
      return simple;
    }
    this.readGeneral();
    return simple;
  }

  /** The profiles left to ProfileIndex, read by it. */
  private readGeneral(): void {
    if (this.general.size === 0) return;
    const index = profileIndex(this.text, this.kind);
    for (const ordinal of this.general) {
      this.fill(ordinal, index.get(this.names.names[ordinal]!));
    }
  }

  /**
   * A text that is simple but for a few characters (odd-characters.ts), read by one line loop
   * as if simple, with each section that holds an odd character left to ProfileIndex: what
   * sections() reads, without finding every header first and a line loop per section (at
   * 100,000 profiles one `é` cost ~70 ms that way). undefined when the text is not such a
   * text: sections() reads it.
   */
  private mixed(from: number): boolean | undefined {
    const odd = OddCharacters.of(this.text, from);
    if (odd === undefined) return undefined;
    this.odd = odd;
    this.sectionStart = from;
    if (!this.lines(from, this.text.length)) {
      this.whole();
      return false;
    }
    this.endSection(this.text.length);
    this.readGeneral();
    return false;
  }

  /**
   * Mixed texts: the section read so far ends at `end`; one with an odd character in it is
   * left to ProfileIndex, as sections() leaves it.
   */
  private endSection(end: number): void {
    if (this.current >= 0 && this.odd!.from(this.sectionStart) < end) {
      this.general.add(this.current);
    }
  }

  /**
   * A text with odd spots: section by section, the simple ones by lines(), the profiles of
   * the others left to ProfileIndex. False when the file must be read whole.
   */
  private sections(): boolean {
    const headers = findHeaders(this.text);
    if (headers === undefined) return false;
    const odd = new OddSpots(this.text);
    const { starts, names } = headers;
    for (let o = 0; o < starts.length; o++) {
      const start = starts[o]!;
      const end = starts[o + 1] ?? this.text.length;
      if (!odd.within(start, end)) {
        if (!this.lines(start, end)) return false;
        continue;
      }
      if (names[o] === "DEFAULT") return false;
      const name = profileNameOf(names[o]!, this.kind);
      if (name !== undefined) this.general.add(this.names.addName(name));
    }
    return true;
  }

  /**
   * Reads the lines of text[start, end), which holds only simple sections (and, at the start
   * of the file, lines before the first header, which belong to no profile). False when it
   * meets `[DEFAULT]`, whose keys every profile inherits: the caller reads the file whole.
   */
  private lines(start: number, end: number): boolean {
    const { text, byFirst } = this;
    for (let at = start; at < end; ) {
      let stop = text.indexOf("\n", at);
      if (stop < 0 || stop > end) stop = end;
      else this.lineBreaks++;
      const next = stop + 1;
      // CRLF (a Windows file): the CR is the line break's, as Python's universal newlines read
      // it. A CR anywhere else is odd: plainGiven, which counts on lineBreaks, finds it.
      if (stop < end && stop > at && text.charCodeAt(stop - 1) === 13 /* \r */) {
        stop--;
        this.lineBreaks++;
      }
      let first = text.charCodeAt(at);
      if (first === 91 /* [ */) {
        const close = text.lastIndexOf("]", stop - 1);
        if (close >= at + 2) {
          if (this.odd !== undefined) {
            this.endSection(at);
            this.sectionStart = at;
          }
          if (!this.header(at, close)) return false;
          at = next;
          continue;
        }
      }
      // A key starts with its first character (lower-cased): most lines end here.
      if (first >= 65 && first <= 90) first += 32;
      const wanted = this.current >= 0 ? byFirst[first] : undefined;
      if (wanted !== undefined) this.keyLine(at, stop, wanted, this.placesByFirst[first]!);
      at = next;
    }
    return true;
  }

  /** A header line: `[` at `at`, its last `]` at `close` (headers.ts's definition). */
  private header(at: number, close: number): boolean {
    const { text, kind } = this;
    let ordinal: number;
    let spelling = PLAIN;
    // A header with an odd character: its section is left to ProfileIndex, as sections() does
    if (this.odd !== undefined && this.odd.from(at) < close) {
      spelling = text.slice(at + 1, close);
      if (spelling === "DEFAULT") return false;
      const name = profileNameOf(spelling, kind);
      this.current = name === undefined ? -1 : this.names.addName(name);
      if (this.current >= 0) this.general.add(this.current);
      return true;
    }
    if (
      kind === "config" &&
      text.startsWith("profile ", at + 1) &&
      plainName(text, at + 9, close)
    ) {
      ordinal = this.names.add(text, at + 9, close);
    } else if (kind === "credentials" && text.charCodeAt(at + 1) !== 68 /* D */) {
      ordinal = this.names.add(text, at + 1, close);
    } else {
      spelling = text.slice(at + 1, close);
      if (spelling === "DEFAULT") return false;
      const name = profileNameOf(spelling, kind);
      if (name === undefined) {
        this.current = -1;
        return true;
      }
      ordinal = this.names.addName(name);
    }
    if (kind === "config") {
      const before = this.spelling[ordinal];
      // configparser's aliases (`[default]`, `[profile default]`): ProfileIndex knows which wins
      if (before === undefined) this.spelling[ordinal] = spelling;
      else if (before !== spelling) this.general.add(ordinal);
    }
    this.current = ordinal;
    return true;
  }

  /** A key line of a simple section, read as readSimpleSection does, if its key is wanted. */
  private keyLine(
    at: number,
    stop: number,
    wanted: readonly string[],
    places: readonly number[],
  ): void {
    const { text } = this;
    let slot = -1;
    let split = -1;
    for (let i = 0; i < wanted.length; i++) {
      const key = wanted[i]!;
      if (!text.startsWith(key, at)) continue;
      split = at + key.length;
      while (split < stop && text.charCodeAt(split) === 32) split++;
      const c = text.charCodeAt(split);
      if (split < stop && (c === 61 /* = */ || c === 58) /* : */) {
        slot = places[i]!;
        break;
      }
    }
    if (slot < 0) {
      // Not spelt in lower case, or not wanted after all: the key as read.ts reads it.
      split = at;
      for (let c = text.charCodeAt(split); split < stop && c !== 61 && c !== 58; ) {
        c = text.charCodeAt(++split);
      }
      if (split >= stop) return;
      slot = this.slots.get(text.slice(at, split).trimEnd().toLowerCase()) ?? -1;
      if (slot < 0) return;
    }
    let from = split + 1;
    let to = stop;
    while (from < to && text.charCodeAt(from) === 32) from++;
    while (to > from && text.charCodeAt(to - 1) === 32) to--;
    this.values.set(this.current, slot, from < to ? this.value(slot, from, to) : undefined);
  }

  /**
   * text[from, to), the same string as the key's last value when it is equal: most files
   * repeat a region or a device in every profile, and each copy would be one more string for
   * the collector (at 100,000 profiles ~10 MB).
   */
  private value(slot: number, from: number, to: number): string {
    const last = this.last[slot];
    if (
      last !== undefined &&
      last.length === to - from &&
      // the last character first: values that differ mostly differ at the end (p1, p2, ...)
      last.charCodeAt(last.length - 1) === this.text.charCodeAt(to - 1) &&
      this.text.startsWith(last, from)
    ) {
      return last;
    }
    const value = this.text.slice(from, to);
    this.last[slot] = value;
    return value;
  }

  /** The whole file through ProfileIndex. */
  private whole(): void {
    const index = profileIndex(this.text, this.kind);
    for (const name of index.keys()) this.fill(this.names.addName(name), index.get(name));
  }

  private fill(ordinal: number, found: IniValues | undefined): void {
    this.keys.forEach((key, slot) => {
      const value = found?.[key];
      this.values.set(ordinal, slot, typeof value === "string" && value !== "" ? value : undefined);
    });
  }

  static {
    // ../system/below-top-tier.ts: why
    const { prototype } = KeyScan;
    belowTopTier(
      prototype.run,
      prototype.lines,
      prototype.header,
      prototype.keyLine,
      prototype.value,
    );
  }
}

/** Whether text[from, to) is a name `profile NAME` gives as it is (profile-index.ts's PLAIN_PROFILE). */
function plainName(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 34 || c === 39 || c === 92 || c === 13 || c === 10) {
      return false;
    }
  }
  return true;
}

belowTopTier(scanKeys, plainName);
