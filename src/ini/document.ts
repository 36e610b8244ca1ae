/**
 * The lossless form of an INI file: one token per line, each keeping its exact text and line
 * ending, so renderIni(parseIni(t)) === t for every string t.
 *
 * Each line is also classified the way botocore's configparser reads it (RawConfigParser,
 * Python 3.11 - 3.13 behave the same): full-line comments (`#`, `;`, even indented), blank
 * lines, `[header]` lines, `key = value` / `key: value` lines, and continuation lines, which
 * are lines indented deeper than the key line that opened the value. Comments and blank lines
 * never end a value. Lines botocore would reject (text before the first header, a line with
 * no `=` or `:`, an empty key) are "invalid" and read as nothing, as the AWS SDK does.
 */
import { lineEnd } from "./headers.ts";
import { firstNonSpace, pyRstrip, pyStrip } from "./python-text.ts";

export type LineEnding = "" | "\n" | "\r\n" | "\r";

interface LineBase {
  /** The line without its line ending (and without the byte-order mark on line 0). */
  readonly text: string;
  readonly eol: LineEnding;
  /** Index of the header line of the section this line is in (itself for a header), or -1. */
  readonly section: number;
  /** Parser state after this line: the indent a line must exceed to continue a value. */
  readonly level: number;
  /** Parser state after this line: the key line whose value deeper lines continue, or -1. */
  readonly openKey: number;
}

export type IniLine = LineBase &
  (
    | { readonly kind: "blank" | "comment" | "invalid" }
    | { readonly kind: "section"; readonly header: string }
    /** key: lower-cased as botocore does; value: the first line's value, stripped. */
    | {
        readonly kind: "key";
        readonly key: string;
        readonly value: string;
        readonly delimiter: number;
      }
    /** owner: index of the key line whose value this line continues. */
    | { readonly kind: "continuation"; readonly value: string; readonly owner: number }
  );

export interface IniDocument {
  /** "\uFEFF" when the text starts with a byte-order mark, else "". */
  readonly bom: string;
  readonly lines: readonly IniLine[];
}

const BOM = "\uFEFF";
/**
 * Python reads files with universal newlines: \r\n, \r and \n all end a line. Each line as
 * /([^\r\n]*)(\r\n|\r|\n|$)/y would match it from `at`, with a loop (lineEnd): a fresh login
 * parses the sections it edits, and a regular expression compiles cold in every run.
 */
export function parseIni(text: string): IniDocument {
  const bom = text.startsWith(BOM) ? BOM : "";
  const body = text.slice(bom.length);
  const lines: IniLine[] = [];
  const state: ParserState = { section: -1, level: 0, openKey: -1 };
  let at = 0;
  while (at < body.length) {
    const end = lineEnd(body, at);
    const eol = lineEnding(body, end);
    lines.push(classify(body.slice(at, end), eol, lines.length, state));
    at = end + eol.length;
  }
  return { bom, lines };
}

/** The line break at `end` (where lineEnd stopped): CRLF, CR, LF, or none at the end. */
function lineEnding(text: string, end: number): LineEnding {
  const c = text.charCodeAt(end);
  if (c === 10) return "\n";
  if (c !== 13) return "";
  return text.charCodeAt(end + 1) === 10 ? "\r\n" : "\r";
}

export function renderIni(doc: IniDocument): string {
  let text = doc.bom;
  for (const line of doc.lines) text += line.text + line.eol;
  return text;
}

interface ParserState {
  section: number;
  level: number;
  /** Index of the key line whose value is open, or -1 (configparser's `optname`). */
  openKey: number;
}

/** One step of configparser's _read loop; updates `state` as it does. */
function classify(text: string, eol: LineEnding, index: number, state: ParserState): IniLine {
  const stripped = pyStrip(text);
  const base = () => ({
    text,
    eol,
    section: state.section,
    level: state.level,
    openKey: state.openKey,
  });
  if (stripped.startsWith("#") || stripped.startsWith(";")) return { ...base(), kind: "comment" };
  if (stripped === "") return { ...base(), kind: "blank" };
  const indent = firstNonSpace(text);
  if (state.section >= 0 && state.openKey >= 0 && indent > state.level) {
    return { ...base(), kind: "continuation", value: stripped, owner: state.openKey };
  }
  state.level = indent;
  const header = headerOf(stripped);
  if (header !== undefined) {
    state.section = index;
    state.openKey = -1;
    return { ...base(), kind: "section", header };
  }
  if (state.section < 0) return { ...base(), kind: "invalid" };
  const at = delimiterIndex(stripped);
  // No delimiter: configparser records an error and leaves the open value as it was.
  if (at < 0) return { ...base(), kind: "invalid" };
  const key = pyRstrip(stripped.slice(0, at)).toLowerCase();
  if (key === "") {
    state.openKey = -1;
    return { ...base(), kind: "invalid" };
  }
  state.openKey = index;
  const value = pyStrip(stripped.slice(at + 1));
  return { ...base(), kind: "key", key, value, delimiter: indent + at };
}

/** configparser's SECTCRE `\[(?P<header>.+)\]`, matched at the start: up to the last `]`. */
function headerOf(stripped: string): string | undefined {
  if (!stripped.startsWith("[")) return undefined;
  const close = stripped.lastIndexOf("]");
  return close >= 2 ? stripped.slice(1, close) : undefined;
}

/** The first `=` or `:` (OPTCRE's lazy key stops at the first delimiter of either kind). */
function delimiterIndex(text: string): number {
  const equals = text.indexOf("=");
  const colon = text.indexOf(":");
  if (equals < 0) return colon;
  if (colon < 0) return equals;
  return Math.min(equals, colon);
}
