/**
 * What botocore's raw_config_parse makes of a document: section header -> key -> value.
 *
 * - Keys are lower-cased; values are stripped; continuation lines join with "\n", and a value
 *   whose first line is empty (`s3 =` then indented `k = v` lines) becomes a record of its
 *   `k = v` lines (nested keys keep their case, as in botocore).
 * - `[DEFAULT]` is configparser's defaults section: never a section itself, its keys show up
 *   in every other section that lacks them.
 * - Where botocore refuses the whole file, we read on like the AWS SDK does: a repeated section
 *   merges into the first (later keys win), a repeated key keeps the last value (a repeated
 *   nested block merges, later nested keys winning), invalid lines and nested lines without
 *   `=` are skipped.
 */
import type { IniDocument } from "./document.ts";
import { pyRstrip, pySplitLines, pyStrip } from "./python-text.ts";

export type IniValue = string | Readonly<Record<string, string>>;
export type IniValues = Record<string, IniValue>;

const DEFAULT_SECTION = "DEFAULT";

/** Section header -> values, in order of each header's first appearance. */
export function readSections(doc: IniDocument): Map<string, IniValues> {
  const { sections, defaults } = collect(doc);
  const read = new Map<string, IniValues>();
  for (const [header, keys] of sections) {
    const values = finishValues(keys);
    for (const [key, found] of defaults) if (!keys.has(key)) values[key] = finishValue(found);
    read.set(header, values);
  }
  return read;
}

/** The keys of `[DEFAULT]`, which every section inherits. */
export function readDefaults(doc: IniDocument): IniValues {
  return finishValues(collect(doc).defaults);
}

/** Key -> each occurrence of the key -> its value lines, before joining. */
type RawValues = Map<string, string[][]>;

/** configparser's _read: header -> key -> value lines. */
function collect(doc: IniDocument): { sections: Map<string, RawValues>; defaults: RawValues } {
  const sections = new Map<string, RawValues>();
  const defaults: RawValues = new Map();
  let current: RawValues | undefined;
  for (const line of doc.lines) {
    if (line.kind === "section") {
      current = line.header === DEFAULT_SECTION ? defaults : sections.get(line.header);
      if (current === undefined) {
        current = new Map();
        sections.set(line.header, current);
      }
    } else if (line.kind === "key") {
      const found = current?.get(line.key);
      if (found) found.push([line.value]);
      else current?.set(line.key, [[line.value]]);
    } else if (line.kind === "continuation") {
      valueLines(current, doc, line.owner)?.push(line.value);
    } else if (line.kind === "blank" && line.openKey >= 0) {
      // A blank line inside a value is kept, so `s3 =`, blank, `  k = v` is still nested.
      valueLines(current, doc, line.openKey)?.push("");
    }
  }
  return { sections, defaults };
}

function finishValues(keys: RawValues): IniValues {
  const values: IniValues = Object.create(null);
  for (const [key, found] of keys) values[key] = finishValue(found);
  return values;
}

function valueLines(
  current: RawValues | undefined,
  doc: IniDocument,
  owner: number,
): string[] | undefined {
  const keyLine = doc.lines[owner];
  return keyLine?.kind === "key" ? current?.get(keyLine.key)?.at(-1) : undefined;
}

/** The last occurrence wins, except that nested blocks merge (as the SDK's flat keys do). */
function finishValue(found: readonly string[][]): IniValue {
  let result: IniValue = "";
  for (const lines of found) {
    const value = joinLines(lines);
    result =
      typeof value !== "string" && typeof result !== "string"
        ? Object.assign(Object.create(null), result, value)
        : value;
  }
  return result;
}

function joinLines(lines: readonly string[]): IniValue {
  const joined = pyRstrip(lines.join("\n"));
  return joined.startsWith("\n") ? parseNested(joined) : joined;
}

/** botocore's _parse_nested: `k = v` per line, split at the first `=`. */
function parseNested(value: string): Record<string, string> {
  const nested: Record<string, string> = Object.create(null);
  for (const rawLine of pySplitLines(value)) {
    const line = pyStrip(rawLine);
    const at = line.indexOf("=");
    // botocore raises on a line without "="; the SDK ignores such lines.
    if (line === "" || at < 0) continue;
    nested[pyStrip(line.slice(0, at))] = pyStrip(line.slice(at + 1));
  }
  return nested;
}
