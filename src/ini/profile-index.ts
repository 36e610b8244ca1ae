/**
 * profilesOf without reading the whole file: a map of the profiles of a file that finds the
 * sections of one profile by their headers and parses only those. A login reads two or three
 * profiles; organisations generate files with tens of thousands, and parsing all of them costs
 * more than everything else awsmfa does (1.2 s at 100,000 profiles).
 *
 * Why this reads exactly what profilesOf reads: a `[header]` line that starts at column 0
 * always starts a section and resets configparser's state (no open value, indent level 0),
 * whatever came before it. So the file splits, at those lines, into chunks that parse the same
 * on their own, and profilesOf over the chunks whose header names a profile (plus `[DEFAULT]`,
 * which every section inherits), in file order, gives that profile's values as it would over
 * the whole text. An indented header can belong to any section (or be a continuation), so a
 * file with one is parsed whole, as is any question that needs every profile's values.
 */
import { type FileKind, profileNameOf, profilesOf } from "./profiles.ts";
import type { IniValues } from "./read.ts";

const BOM = "\uFEFF";
/** Python's whitespace (python-text.ts), then `[`, at the start of a line: an indented header. */
const INDENTED_HEADER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are the point
  /(?:^|[\r\n])[\t\v\f\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+\[/;
/** `profile NAME` that shlex splits into exactly those two words (the usual header). */
const PLAIN_PROFILE = /^profile ([^ \t\r\n'"\\]+)$/;

/** After this many profiles looked up one by one, the whole file is parsed once instead. */
const MANY = 32;

interface Chunk {
  start: number;
  end: number;
}

export class ProfileIndex implements ReadonlyMap<string, IniValues> {
  /** Profile name -> its chunks, in file order; undefined when the file is parsed whole. */
  private readonly chunks: Map<string, Chunk[]> | undefined;
  private readonly defaults: Chunk[] = [];
  private readonly found = new Map<string, IniValues | undefined>();
  private whole: Map<string, IniValues> | undefined;

  constructor(
    private readonly text: string,
    private readonly kind: FileKind,
  ) {
    this.chunks = this.index();
  }

  /** Every section of the file by profile, or undefined when a header is indented. */
  private index(): Map<string, Chunk[]> | undefined {
    const { text } = this;
    const byName = new Map<string, Chunk[]>();
    let chunk: Chunk | undefined;
    const lines = lineStarts(text);
    if (lines === undefined) return undefined;
    for (let at = lines.next(); at >= 0; at = lines.next()) {
      const header = headerAt(text, at);
      if (header === undefined) continue;
      if (chunk) chunk.end = at;
      chunk = { start: at, end: text.length };
      let open = header === "DEFAULT" ? this.defaults : undefined;
      if (open === undefined) {
        const name = nameOf(header, this.kind);
        if (name === undefined) continue;
        open = byName.get(name) ?? [];
        byName.set(name, open);
      }
      open.push(chunk);
    }
    return byName;
  }

  /**
   * The text of the sections of `name` alone (with `[DEFAULT]` if `defaults`), which reads as
   * they do in the whole file; the whole text when the file is not indexed.
   */
  sectionsText(name: string, defaults = false): string {
    if (this.chunks === undefined) return this.text;
    const own = this.chunks.get(name) ?? [];
    const parts = defaults ? [...this.defaults, ...own].sort((a, b) => a.start - b.start) : own;
    // Each chunk ends where the next header starts, so after a line end, except the file's
    // last; a line end there keeps the next chunk's header on its own line.
    return parts.map((c) => lineEnded(this.text.slice(c.start, c.end))).join("");
  }

  get(name: string): IniValues | undefined {
    // A reader that goes through many profiles (list, doctor) is better off with one parse.
    if (this.chunks === undefined || this.whole || this.found.size >= MANY) {
      return this.all().get(name);
    }
    if (this.found.has(name)) return this.found.get(name);
    const values = this.chunks.has(name)
      ? profilesOf(this.sectionsText(name, true), this.kind).get(name)
      : undefined;
    this.found.set(name, values);
    return values;
  }

  has(name: string): boolean {
    return this.chunks === undefined ? this.all().has(name) : this.chunks.has(name);
  }

  /** Names in the order profilesOf gives them: each at its first header. */
  keys(): MapIterator<string> {
    return (this.chunks ?? this.all()).keys();
  }

  get size(): number {
    return (this.chunks ?? this.all()).size;
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
    this.whole ??= profilesOf(this.text, this.kind);
    return this.whole;
  }
}

/**
 * The positions of the lines that start with `[`, one by one (-1 at the end), or undefined
 * when a line starts with whitespace and then `[` (an indented header). Without a CR in the
 * text, one pass over the line starts; with one, two regular expressions (slower, rare).
 */
function lineStarts(text: string): { next(): number } | undefined {
  const first = text.startsWith(BOM) ? 1 : 0;
  if (text.includes("\r")) {
    if (INDENTED_HEADER.test(first ? text.slice(first) : text)) return undefined;
    const lineStart = /[\r\n]\[/g;
    let pending = text.charCodeAt(first) === 91 ? first : -1;
    return {
      next() {
        if (pending >= 0) {
          const at = pending;
          pending = -1;
          return at;
        }
        const match = lineStart.exec(text);
        return match ? match.index + 1 : -1;
      },
    };
  }
  const starts: number[] = [];
  for (let at = first; at < text.length; ) {
    let c = text.charCodeAt(at);
    if (c === 91) starts.push(at);
    else if (isPySpace(c)) {
      let i = at;
      while (i < text.length && c !== 10 && isPySpace(c)) c = text.charCodeAt(++i);
      if (c === 91) return undefined;
    }
    const end = text.indexOf("\n", at);
    if (end < 0) break;
    at = end + 1;
  }
  let k = 0;
  return { next: () => (k < starts.length ? starts[k++]! : -1) };
}

/** Python's str.isspace() for one UTF-16 code unit (python-text.ts has the same set). */
function isPySpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The header of the line at `at` (which starts with `[`), as document.ts's headerOf reads it. */
function headerAt(text: string, at: number): string | undefined {
  let end = at;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  const close = text.lastIndexOf("]", end - 1);
  return close >= at + 2 ? text.slice(at + 1, close) : undefined;
}

function nameOf(header: string, kind: FileKind): string | undefined {
  if (kind === "config") {
    const plain = PLAIN_PROFILE.exec(header);
    if (plain) return plain[1];
  }
  return profileNameOf(header, kind);
}

function lineEnded(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? text : `${text}\n`;
}
