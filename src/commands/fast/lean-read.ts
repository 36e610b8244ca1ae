/**
 * What the lean tier (lean.ts) reads: the two AWS files and the session cache, with a few
 * synchronous calls and none of the general readers' code, which alone costs a cached login
 * more than everything else it does (each function of it runs once, cold).
 *
 * The files: only the simple form generators and people write: headers at column 0,
 * `[profile NAME]` headers without quotes or extra spaces, no [DEFAULT] section, the sections
 * asked for in printable ASCII with LF line ends. Their profiles read here exactly as the
 * general index (ini/profile-index.ts) reads them, with the same section finder and line
 * reader. The cache: the folder judged by the private-folder walk's own rules
 * (fs/folder-rules.ts) on a stricter path (no links at all, a plain absolute path); the
 * record opened as readOwnFile opens it (never through a link, never waiting on a FIFO), a
 * regular file of this user that nobody else may write, at most 1 MB.
 *
 * Anything else throws FallThrough: the next tier reads it the general way, and says what is
 * wrong when something is. tests/commands/fast/lean.test.ts compares the tiers.
 */
import { judgeAbove, judgeOwn } from "../../fs/folder-rules.ts";
import { notOwnFile, type User } from "../../fs/owner.ts";
import { findHeaders, plainProfileName, shlexMarks } from "../../ini/headers.ts";
import { eachSimpleLine, oddWithin, readSimpleSection } from "../../ini/simple-read.ts";
import { type FileStats, type LeanFiles, libcFiles } from "../../system/libc-files.ts";
import { FallThrough } from "./fall-through.ts";

/** fs/read-regular.ts's limits: an AWS file, one of awsmfa's own files. */
const MAX_AWS_FILE_BYTES = 64 * 1024 * 1024;
const MAX_OWN_FILE_BYTES = 1024 * 1024;

export type Values = Readonly<Record<string, string>>;

/** The profiles `names` of one file: their merged values, and their sections' text spans. */
export interface SimpleFile {
  values: Map<string, Values>;
  spans: Map<string, Array<[number, number]>>;
  text: string;
}

/**
 * The file calls this tier makes: libc's where they can be had (system/libc-files.ts: node:fs
 * alone costs a cached login ~1.2 ms to load), else node:fs itself, loaded only then.
 */
export async function leanFiles(platform: string, arch: string | undefined): Promise<LeanFiles> {
  return (arch && (await libcFiles(platform, arch))) || nodeFiles();
}

export function nodeFiles(): LeanFiles {
  return require("node:fs") as typeof import("node:fs");
}

/** Whether `fd` is a character device (a terminal, or /dev/null and the like). */
export function characterDevice(files: LeanFiles, fd: number): boolean {
  try {
    return files.fstatSync(fd).isCharacterDevice();
  } catch {
    return true; // closed: isatty.ts says no terminal, but the next tier knows what to do
  }
}

/** What fs/read-regular.ts reads (null: no file), or FallThrough for what it would explain. */
export function readAwsText(files: LeanFiles, path: string): string | null {
  const { constants } = files;
  let fd: number;
  try {
    fd = files.openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new FallThrough(`cannot open ${path}`);
  }
  try {
    const stats = files.fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_AWS_FILE_BYTES) throw new FallThrough("not a file");
    const text = files.readFileSync(fd, "utf8");
    // A byte-order mark or bytes that are not UTF-8: the general reader's business.
    if (text.charCodeAt(0) === 0xfeff || text.includes("\ufffd")) throw new FallThrough("odd");
    return text;
  } finally {
    files.closeSync(fd);
  }
}

/** The values of the profiles `names` (those the file has) in a simple file's text. */
export function simpleFile(
  text: string | null,
  kind: "config" | "credentials",
  names: readonly string[],
): SimpleFile {
  const file: SimpleFile = { values: new Map(), spans: new Map(), text: text ?? "" };
  if (text === null) return file;
  const headers = findHeaders(text);
  if (headers === undefined) throw new FallThrough("an indented header");
  const { starts } = headers;
  const seen = new Map<string, string>();
  const spacesOnly = kind === "config" && !shlexMarks(text);
  for (let ordinal = 0; ordinal < starts.length; ordinal++) {
    const header = headers.names[ordinal]!;
    const name = profileName(header, kind, spacesOnly);
    if (name === undefined || !names.includes(name)) continue;
    // `[default]` beside `[profile default]`: aliases follow profilesOf's rules.
    if ((seen.get(name) ?? header) !== header) throw new FallThrough("an alias");
    seen.set(name, header);
    const start = starts[ordinal]!;
    const end = starts[ordinal + 1] ?? text.length;
    if (oddWithin(text, start, end)) throw new FallThrough("a section that is not simple");
    const spans = file.spans.get(name) ?? [];
    spans.push([start, end]);
    file.spans.set(name, spans);
  }
  for (const [name, spans] of file.spans) {
    const values: Record<string, string> = Object.create(null);
    for (const [start, end] of spans) readSimpleSection(text, start, end, values);
    file.values.set(name, values);
  }
  return file;
}

/** The profile a header names, as profile-index.ts names it; FallThrough where it needs shlex. */
function profileName(
  header: string,
  kind: "config" | "credentials",
  spacesOnly: boolean,
): string | undefined {
  // [DEFAULT] lends its keys to every section: the general reader merges them.
  if (header === "DEFAULT") throw new FallThrough("a [DEFAULT] section");
  if (kind === "credentials" || header === "default") return header;
  if (!header.startsWith("profile")) return undefined;
  const name = plainProfileName(header, spacesOnly);
  if (name === undefined) throw new FallThrough("a header for shlex");
  return name;
}

/**
 * Each section of `name` as (aws_access_key_id values, whether it holds a token): what
 * config/section-state.ts's sectionState weighs, for simple sections.
 */
export function keyLines(file: SimpleFile, name: string): Array<[string[], boolean]> {
  const sections: Array<[string[], boolean]> = [];
  for (const [start, end] of file.spans.get(name) ?? []) {
    const ids: string[] = [];
    let token = false;
    eachSimpleLine(file.text, start, end, (key, value) => {
      if (value === "") return;
      if (key === "aws_access_key_id") ids.push(value);
      else if (key === "aws_session_token" || key === "aws_security_token") token = true;
    });
    sections.push([ids, token]);
  }
  return sections;
}

/** The folder at `root`, walked from / as fs/private-folder.ts walks it, judged by its rules. */
export function checkedFolder(files: LeanFiles, root: string, inside: string, user: User): string {
  const names = root.split("/");
  // Relative, `.`, `..` or `//`: the walk resolves those; here they are the next tier's.
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (i === 0 ? n !== "" : n === "" || n === "." || n === "..") {
      throw new FallThrough("a folder path to resolve");
    }
  }
  let current = "/";
  let stats = lstatOrFall(files, current);
  for (let i = 1; i < names.length; i++) {
    if (judgeAbove(stats, current, user)) throw new FallThrough("an unsafe folder above");
    current = current === "/" ? `/${names[i]}` : `${current}/${names[i]}`;
    stats = lstatOrFall(files, current);
    if (stats.isSymbolicLink() || !stats.isDirectory()) throw new FallThrough("a link or file");
  }
  if (judgeOwn(stats, current, "folder", user)) throw new FallThrough("an unsafe folder");
  const level = `${current}/${inside}`;
  if (judgeOwn(lstatOrFall(files, level), level, "inside", user)) throw new FallThrough("unsafe");
  return level;
}

function lstatOrFall(files: LeanFiles, path: string): FileStats {
  try {
    return files.lstatSync(path);
  } catch {
    throw new FallThrough(`nothing at ${path}`);
  }
}

/** The JSON object in one of awsmfa's own files, as readOwnFile and readCacheRecord read it. */
export function readOwnRecord(files: LeanFiles, path: string, user: User): Record<string, unknown> {
  const { constants } = files;
  let fd: number;
  try {
    fd = files.openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    throw new FallThrough("no file");
  }
  let text: string;
  try {
    const stats = files.fstatSync(fd);
    if (!stats.isFile() || notOwnFile(stats, user) || stats.size > MAX_OWN_FILE_BYTES) {
      throw new FallThrough("a file not to trust");
    }
    // A string at once: a Buffer first costs the cached path ~0.1 MiB (docs/performance.md).
    text = files.readFileSync(fd, "utf8");
  } finally {
    files.closeSync(fd);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FallThrough("a damaged file");
  }
  if (typeof data !== "object" || data === null) throw new FallThrough("a damaged file");
  return data as Record<string, unknown>;
}
