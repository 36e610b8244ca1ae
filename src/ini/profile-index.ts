/**
 * profilesOf without reading the whole file: a map of the profiles of a file that finds the
 * sections of one profile by their headers (headers.ts) and parses only those. A login reads
 * two or three profiles; organisations generate files with tens of thousands, and parsing all
 * of them costs more than everything else awsmfa does.
 *
 * Why this reads exactly what profilesOf reads: a `[header]` line that starts at column 0
 * always starts a section and resets configparser's state (no open value, indent level 0),
 * whatever came before it. So the file splits, at those lines, into chunks that parse the same
 * on their own, and profilesOf over the chunks whose header names a profile (plus `[DEFAULT]`,
 * which every section inherits), in file order, gives that profile's values as it would over
 * the whole text. An indented header can belong to any section (or be a continuation), so a
 * file with one is parsed whole. Reading every profile (list) goes section by section too,
 * simple sections without the lossless parser (simple-read.ts).
 *
 * One run asks about the same text several times (the login reads it, the write edits it under
 * the lock): profileIndex() keeps the index of the texts it saw last, so each is indexed once.
 */
import { findHeaders, plainProfileName, shlexMarks } from "./headers.ts";
import { type FileKind, profileNameOf, profilesOf } from "./profiles.ts";
import type { IniValues } from "./read.ts";
import { OddSpots, oddWithin, readSimpleProfile, readSimpleSection } from "./simple-read.ts";

/** How many hasSuffixed questions are answered one by one (see there). */
const SUFFIX_CHECKS = 64;

/** A section: text[start, end), its header line first. */
export type Chunk = readonly [start: number, end: number];

export class ProfileIndex implements ReadonlyMap<string, IniValues> {
  /** Header line starts, in file order; undefined when the file is parsed whole. */
  private readonly starts: readonly number[] | undefined;
  private readonly headers: readonly string[] = [];
  /** Profile name -> the ordinals of its sections in `starts`, in file order. */
  private readonly byName = new Map<string, number[]>();
  private readonly defaults: number[] = [];
  private readonly found = new Map<string, IniValues>();
  private whole: Map<string, IniValues> | undefined;
  private odd: OddSpots | undefined;
  private oddChecks = 0;
  private defaultValues: Record<string, string> | null | undefined;
  /** Suffix -> the names that end in it, without it; made after SUFFIX_CHECKS questions. */
  private readonly bases = new Map<string, Set<string>>();
  private suffixChecks = 0;

  constructor(
    readonly text: string,
    readonly kind: FileKind,
  ) {
    const found = findHeaders(text);
    this.starts = found?.starts;
    if (found === undefined) return;
    this.headers = found.names;
    const spacesOnly = kind === "config" && !shlexMarks(text);
    found.names.forEach((header, ordinal) => {
      const name = header === "DEFAULT" ? undefined : nameOf(header, kind, spacesOnly);
      const own =
        header === "DEFAULT" ? this.defaults : name === undefined ? [] : this.byName.get(name);
      if (own) own.push(ordinal);
      else if (name !== undefined) this.byName.set(name, [ordinal]);
    });
  }

  /** Whether the file is split into sections (no indented header). */
  get indexed(): boolean {
    return this.starts !== undefined;
  }

  /** The sections that hold `name`, in file order ([] when the file is not indexed). */
  chunksOf(name: string): Chunk[] {
    return (this.byName.get(name) ?? []).map((ordinal) => this.chunk(ordinal));
  }

  /**
   * The sections of `name` when each is simple (simple-read.ts) and all have one header
   * spelling, as read() reads them; undefined when one is not, or the file is not indexed.
   */
  simpleChunksOf(name: string): Chunk[] | undefined {
    if (this.starts === undefined) return undefined;
    const own = this.byName.get(name) ?? [];
    const chunks: Chunk[] = [];
    for (const o of own) {
      const [start, end] = this.chunk(o);
      if (this.headers[o] !== this.headers[own[0]!] || this.isOdd(start, end)) return undefined;
      chunks.push([start, end]);
    }
    return chunks;
  }

  /** How many sections (of any header) the file has; 0 when it is not indexed. */
  get sectionCount(): number {
    return this.starts?.length ?? 0;
  }

  /** The `ordinal`th section of the file (of any header), 0 <= ordinal < sectionCount. */
  chunk(ordinal: number): Chunk {
    const starts = this.starts!;
    return [starts[ordinal]!, starts[ordinal + 1] ?? this.text.length];
  }

  /**
   * The text of the sections of `name` alone (with `[DEFAULT]` if `defaults`), which reads as
   * they do in the whole file; the whole text when the file is not indexed.
   */
  sectionsText(name: string, defaults = false): string {
    if (this.starts === undefined) return this.text;
    const own = this.byName.get(name) ?? [];
    const ordinals = defaults ? [...this.defaults, ...own].sort((a, b) => a - b) : own;
    // Each chunk ends where the next header starts, so after a line end, except the file's
    // last; a line end there keeps the next chunk's header on its own line.
    return ordinals.map((o) => lineEnded(this.text.slice(...this.chunk(o)))).join("");
  }

  get(name: string): IniValues | undefined {
    if (this.starts === undefined || this.whole) return this.all().get(name);
    let values = this.found.get(name);
    // Misses are not remembered: list asks about 400,000 names that are not there.
    if (values === undefined && this.byName.has(name)) {
      values = this.read(name);
      this.found.set(name, values);
    }
    return values;
  }

  /** One profile's values: simple sections directly, anything else through profilesOf. */
  private read(name: string): IniValues {
    const own = this.byName.get(name)!;
    const defaults = this.simpleDefaults();
    // Plain loops, no closures or tuples: list calls this for every profile of the file.
    let simple = defaults !== null;
    for (let i = 0; simple && i < own.length; i++) {
      const o = own[i]!;
      const [start, end] = this.chunk(o);
      // Aliases (`[default]` and `[profile default]`) follow profilesOf's rules instead.
      simple = this.headers[o] === this.headers[own[0]!] && !this.isOdd(start, end);
    }
    if (!simple) {
      return profilesOf(this.sectionsText(name, true), this.kind).get(name) ?? Object.create(null);
    }
    const values: Record<string, string> = Object.create(null);
    for (const o of own) readSimpleSection(this.text, ...this.chunk(o), values);
    if (defaults) for (const key in defaults) if (!(key in values)) values[key] = defaults[key]!;
    return values;
  }

  /** The keys of `[DEFAULT]` (undefined: none), or null when it is not simple. */
  private simpleDefaults(): Record<string, string> | null | undefined {
    if (this.defaultValues !== undefined || this.defaults.length === 0) return this.defaultValues;
    const chunks = this.defaults.map((o) => this.chunk(o));
    this.defaultValues = chunks.some((c) => this.isOdd(...c))
      ? null
      : (readSimpleProfile(this.text, chunks, undefined) as Record<string, string>);
    return this.defaultValues;
  }

  /**
   * Whether a section is not simple: a login asks about a few sections, each looked at alone;
   * list asks about all of them, and after 64 the whole file is scanned once.
   */
  private isOdd(start: number, end: number): boolean {
    if (this.odd === undefined && ++this.oddChecks > 64) this.odd = new OddSpots(this.text);
    return this.odd ? this.odd.within(start, end) : oddWithin(this.text, start, end);
  }

  has(name: string): boolean {
    return this.starts === undefined ? this.all().has(name) : this.byName.has(name);
  }

  /**
   * has(`${base}${suffix}`) without making that string: `list` asks this of every profile for
   * each of the long-term suffixes, and hashing 300,000 new strings (mostly misses) was a
   * tenth of its time. A login asks a few times and gets the plain lookup; after
   * SUFFIX_CHECKS questions the names ending in `suffix` are collected once, and the question
   * becomes a lookup of `base`, a string whose hash is already known.
   */
  hasSuffixed(base: string, suffix: string): boolean {
    if (this.starts === undefined || ++this.suffixChecks <= SUFFIX_CHECKS) {
      return this.has(`${base}${suffix}`);
    }
    let bases = this.bases.get(suffix);
    if (bases === undefined) {
      bases = new Set();
      for (const name of this.byName.keys()) {
        if (name.endsWith(suffix)) bases.add(name.slice(0, name.length - suffix.length));
      }
      this.bases.set(suffix, bases);
    }
    return bases.has(base);
  }

  /** Names in the order profilesOf gives them: each at its first header. */
  keys(): MapIterator<string> {
    return this.starts === undefined ? this.all().keys() : this.byName.keys();
  }

  get size(): number {
    return this.starts === undefined ? this.all().size : this.byName.size;
  }

  entries(): MapIterator<[string, IniValues]> {
    return this.all().entries();
  }

  values(): MapIterator<IniValues> {
    return this.all().values();
  }

  forEach(
    callback: (value: IniValues, key: string, map: ReadonlyMap<string, IniValues>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, value] of this.all()) callback.call(thisArg, value, key, this);
  }

  [Symbol.iterator](): MapIterator<[string, IniValues]> {
    return this.entries();
  }

  private all(): Map<string, IniValues> {
    if (this.whole) return this.whole;
    if (this.starts === undefined) {
      this.whole = profilesOf(this.text, this.kind);
    } else {
      const whole = new Map<string, IniValues>();
      for (const name of this.byName.keys())
        whole.set(name, this.found.get(name) ?? this.read(name));
      this.whole = whole;
    }
    return this.whole;
  }
}

/** The last texts indexed: a run reads a file, then edits the same text. */
const recent: { text: string; index: ProfileIndex }[] = [];
const RECENT = 4;

/**
 * The index of `text`, shared with earlier callers that asked about the same text. An index
 * is a pure function of its text (it caches only what it read from it), so sharing is safe.
 */
export function profileIndex(text: string, kind: FileKind): ProfileIndex {
  const at = recent.findIndex((entry) => entry.index.kind === kind && entry.text === text);
  const index = at >= 0 ? recent[at]!.index : new ProfileIndex(text, kind);
  if (at >= 0) recent.splice(at, 1);
  // Keyed by this string from now on: comparing a string with itself is immediate, while an
  // equal copy (the same file read again under its lock) is compared character by character.
  recent.unshift({ text, index });
  recent.length = Math.min(recent.length, RECENT);
  return index;
}

function nameOf(header: string, kind: FileKind, spacesOnly: boolean): string | undefined {
  if (kind === "config") {
    const plain = plainProfileName(header, spacesOnly);
    if (plain !== undefined) return plain;
  }
  return profileNameOf(header, kind);
}

function lineEnded(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? text : `${text}\n`;
}
