/**
 * src/config/ (base layer): where the AWS files are, what profiles say (read with botocore's
 * rules), awsmfa's settings, durations. May import ini/, fs/, system/, ui/ and
 * deps.ts/errors.ts; never domain code.
 *
 * Reads ~/.aws/config and ~/.aws/credentials (or the files the environment names) and answers
 * questions about profiles, following botocore's rules: `[profile x]` and `[default]` in the
 * config file, `[x]` in the credentials file, and credentials-file values winning over
 * config-file values for the same key.
 */
import type { Deps } from "../deps.ts";
import type { IniValue } from "../ini/index.ts";
import type { AwsPaths } from "./paths.ts";

export type ProfileValues = Readonly<Record<string, IniValue>>;

/** What reading the files needs; the platform for the variables in their paths (paths.ts). */
type FilesDeps = Pick<Deps, "env" | "homedir" | "fs" | "platform">;

/** What a profile map may add to ReadonlyMap: has(`${base}${suffix}`) without the string. */
interface SuffixLookup {
  hasSuffixed(base: string, suffix: string): boolean;
}

export interface AwsFiles {
  paths: AwsPaths;
  /** File text, or null when the file does not exist. */
  configText: string | null;
  credentialsText: string | null;
  config: ReadonlyMap<string, ProfileValues>;
  credentials: ReadonlyMap<string, ProfileValues>;
}

/**
 * Each profile is parsed when first asked for: a login reads two or three of thousands (see
 * ini/profile-index.ts); `list`, which reads them all, reads the texts (readAwsTexts) in one
 * pass of its own (ini/key-scan.ts). Writers that edit the same text later reuse its index.
 */
export async function readAwsFiles(deps: FilesDeps): Promise<AwsFiles> {
  return awsFilesOf(await readAwsTexts(deps));
}

/** The two files' paths and texts, not indexed yet: `list` reads them in its own pass. */
export type AwsTexts = Pick<AwsFiles, "paths" | "configText" | "credentialsText">;

export async function readAwsTexts(deps: FilesDeps): Promise<AwsTexts> {
  // Loaded here too: paths.ts brings node:path (~0.5 ms), which the lookups below do not need.
  const { awsPaths } = await import("./paths.ts");
  const paths = awsPaths(deps.env, deps.homedir, deps.platform);
  const [configText, credentialsText] = await Promise.all([
    readOptional(deps, paths.config),
    readOptional(deps, paths.credentials),
  ]);
  return { paths, configText, credentialsText };
}

/**
 * readAwsTexts, with the bytes each text is decoded from (list copies its rows from them).
 * Each text is decoded when first asked for: list's C loops read the bytes alone, and
 * decoding 12 MB (100,000 profiles) costs ~16 ms (docs/performance.md, tenth step).
 */
export async function readAwsTextsAndBytes(
  deps: FilesDeps,
): Promise<AwsTexts & { bytes: [Buffer | null, Buffer | null] }> {
  const { awsPaths } = await import("./paths.ts");
  const { readRegular } = await import("../fs/read-regular.ts");
  const paths = awsPaths(deps.env, deps.homedir, deps.platform);
  // readOptional's read: readRegularText is readRegular and a decoding as UTF-8
  const [config, credentials] = await Promise.all([
    readRegular(deps.fs, paths.config),
    readRegular(deps.fs, paths.credentials),
  ]);
  // Each text once decoded, and the bytes it was decoded from let go here (list's general
  // path drops `bytes` too: the two copies of 12 MB at 100,000 profiles are not both held)
  let configBytes = config;
  let credentialsBytes = credentials;
  let configText: string | null | undefined;
  let credentialsText: string | null | undefined;
  return {
    paths,
    get configText() {
      if (configText === undefined) {
        configText = configBytes === null ? null : configBytes.toString("utf8");
        configBytes = null;
      }
      return configText;
    },
    get credentialsText() {
      if (credentialsText === undefined) {
        credentialsText = credentialsBytes === null ? null : credentialsBytes.toString("utf8");
        credentialsBytes = null;
      }
      return credentialsText;
    },
    bytes: [config, credentials],
  };
}

/** The files read by readAwsTexts, indexed (each text once per run: see profileIndex). */
export async function awsFilesOf(texts: AwsTexts): Promise<AwsFiles> {
  // Loaded here, not with this module: the lookups below are also what the cached fast path
  // asks of its own lean reading of the files (commands/fast/lean.ts, lean-read.ts).
  const { profileIndex } = await import("../ini/profile-index.ts");
  const profileMap = (text: string | null, kind: "config" | "credentials") =>
    text === null ? new Map<string, ProfileValues>() : profileIndex(text, kind);
  return {
    ...texts,
    config: profileMap(texts.configText, "config"),
    credentials: profileMap(texts.credentialsText, "credentials"),
  };
}

/**
 * The text of an AWS file, or null when there is none: the one reader of the AWS files (the
 * messages are fs/read-regular.ts's). Bytes that are not UTF-8 read as U+FFFD here; a writer
 * goes through fs/update.ts, which refuses such a file rather than rewrite it.
 */
export async function readOptional(deps: Pick<Deps, "fs">, path: string): Promise<string | null> {
  const { readRegularText } = await import("../fs/read-regular.ts");
  return readRegularText(deps.fs, path);
}

export function hasProfile(files: AwsFiles, name: string): boolean {
  return files.config.has(name) || files.credentials.has(name);
}

/**
 * hasProfile(files, `${base}${suffix}`), without making that name when the files are indexed
 * (ProfileIndex.hasSuffixed): list asks it of every profile for every long-term suffix.
 */
export function hasSuffixedProfile(files: AwsFiles, base: string, suffix: string): boolean {
  return hasSuffixed(files.config, base, suffix) || hasSuffixed(files.credentials, base, suffix);
}

function hasSuffixed(
  map: ReadonlyMap<string, ProfileValues>,
  base: string,
  suffix: string,
): boolean {
  // An index (ini/profile-index.ts, fast/lean-files.ts) answers without making the name.
  return "hasSuffixed" in map
    ? (map as SuffixLookup).hasSuffixed(base, suffix)
    : map.has(`${base}${suffix}`);
}

/** A scalar value of a profile; the credentials file wins over the config file. */
export function profileValue(files: AwsFiles, name: string, key: string): string | undefined {
  return scalarOf(files.credentials.get(name), files.config.get(name), key);
}

/**
 * profileValue for several keys of one profile, looking the profile up once (`list` reads
 * ~20 values of each of 100,000 profiles, and each lookup is a hash of the name).
 */
export function profileReader(files: AwsFiles, name: string): (key: string) => string | undefined {
  const credentials = files.credentials.get(name);
  const config = files.config.get(name);
  return (key) => scalarOf(credentials, config, key);
}

function scalarOf(
  credentials: ProfileValues | undefined,
  config: ProfileValues | undefined,
  key: string,
): string | undefined {
  const fromCredentials = credentials?.[key];
  if (typeof fromCredentials === "string" && fromCredentials !== "") return fromCredentials;
  const fromConfig = config?.[key];
  if (typeof fromConfig === "string" && fromConfig !== "") return fromConfig;
  return undefined;
}

/** The first of these profiles that has the key: a profile, then its long-term profile. */
export function firstProfileValue(
  files: AwsFiles,
  profiles: readonly string[],
  key: string,
): string | undefined {
  for (const profile of profiles) {
    const value = profileValue(files, profile, key);
    if (value) return value;
  }
  return undefined;
}

/** Every profile name, config file first, in file order, without repeats. */
export function profileNames(files: AwsFiles): string[] {
  return [...new Set([...files.config.keys(), ...files.credentials.keys()])];
}
