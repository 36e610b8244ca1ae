/**
 * The keys `list` reads of every profile, from both files in one pass each (ini/key-scan.ts),
 * and the questions the inventory asks of them: a profile's value of a key (the credentials
 * file wins), and where its long-term keys are, by session/long-term.ts's rules.
 *
 * Why not those readers: `list` at 100,000 profiles asked them ~25 questions per profile,
 * each a lookup of a name and a values object per profile, ~1.9 s in all. Here profiles are
 * numbered (0, 1, ... in profileNames' order) and each question is an array read;
 * tests/profiles/inventory-scan.test.ts holds both to the same answers.
 */
import type { AwsTexts } from "../config/aws-files.ts";
import { keyState, TOKEN_KEYS } from "../config/key-state.ts";
import { scanKeys } from "../ini/key-scan.ts";
import { KeyValues } from "../ini/key-values.ts";
import { NameTable } from "../ini/name-table.ts";
import { isKeyStoreName, KEY_ID_SETTING, KEY_STORE_SETTING } from "../keys/store.ts";
import { LONG_TERM_SUFFIXES } from "../session/long-term.ts";
import { SERIAL_KEYS } from "../session/serial-format.ts";
import { belowTopTier } from "../system/below-top-tier.ts";

/** The keys read; a key's place in this list is its Key number. */
export const KEYS = [
  "role_arn",
  "aws_access_key_id",
  "aws_secret_access_key",
  ...TOKEN_KEYS,
  "expiration",
  "awsmfa_long_term_profile",
  KEY_STORE_SETTING,
  KEY_ID_SETTING,
  "credential_process",
  ...SERIAL_KEYS,
  "region",
] as const;
const WIDTH = KEYS.length;
const key = (name: (typeof KEYS)[number]) => KEYS.indexOf(name);
export const Key = {
  roleArn: key("role_arn"),
  keyId: key("aws_access_key_id"),
  secret: key("aws_secret_access_key"),
  token: key("aws_session_token"),
  oldToken: key("aws_security_token"),
  expiration: key("expiration"),
  region: key("region"),
  partner: key("awsmfa_long_term_profile"),
  store: key(KEY_STORE_SETTING),
  notedKeyId: key(KEY_ID_SETTING),
  process: key("credential_process"),
} as const;
/** The device keys in the order configuredSerial tries them, and their Key numbers. */
export const SERIAL_NAMES: readonly string[] = SERIAL_KEYS;
export const SERIAL_SLOTS: readonly number[] = SERIAL_KEYS.map((name) => key(name));

/**
 * Both files' keys into new tables, config first: profiles are numbered as profileNames().
 * undefined when a `quick` scan found an odd character late (see scanKeys).
 */
function readKeys(texts: AwsTexts, quick: boolean) {
  const { configText, credentialsText } = texts;
  // First guesses at the number of profiles (a generated section is ~100 characters); the
  // tables grow when there are more.
  const names = new NameTable(((configText?.length ?? 0) + (credentialsText?.length ?? 0)) / 96);
  const config = new KeyValues(WIDTH, (configText?.length ?? 0) / 96);
  const configAscii =
    configText === null || scanKeys(configText, "config", KEYS, names, config, quick);
  if (configAscii === undefined) return undefined;
  const credentials = new KeyValues(WIDTH, names.size + (credentialsText?.length ?? 0) / 96);
  const credentialsAscii =
    credentialsText === null ||
    scanKeys(credentialsText, "credentials", KEYS, names, credentials, quick);
  if (credentialsAscii === undefined) return undefined;
  return { names, config, credentials, ascii: configAscii && credentialsAscii };
}

/** What candidateState says of a profile; "throws": an unknown key store, which ends the search. */
type Candidate = "no-keys" | "session" | "long-term" | "throws";

export class ProfileKeys {
  readonly names: NameTable;
  private readonly config: KeyValues;
  private readonly credentials: KeyValues;
  /** Whether every name and value read is printable ASCII (both files are, bar line breaks). */
  readonly ascii: boolean;
  /**
   * Per LONG_TERM_SUFFIXES entry: profile number -> the number of name + suffix, or -1. Found
   * once from the names that end in a suffix (a few), instead of three lookups per profile.
   */
  private readonly suffixed: Int32Array[];

  constructor(texts: AwsTexts) {
    // The quick look at the texts, and in the rare case it was wrong, the exact one (scanKeys).
    const read = readKeys(texts, true) ?? readKeys(texts, false)!;
    this.names = read.names;
    this.config = read.config;
    this.credentials = read.credentials;
    this.ascii = read.ascii;
    this.suffixed = LONG_TERM_SUFFIXES.map(() => new Int32Array(this.size).fill(-1));
    const last = LONG_TERM_SUFFIXES.map((suffix) => suffix.charCodeAt(suffix.length - 1));
    for (let profile = 0; profile < this.size; profile++) {
      const name = this.name(profile);
      const end = name.charCodeAt(name.length - 1);
      for (let i = 0; i < LONG_TERM_SUFFIXES.length; i++) {
        const suffix = LONG_TERM_SUFFIXES[i]!;
        if (end !== last[i] || name.length < suffix.length || !name.endsWith(suffix)) continue;
        const base = this.names.find(name, 0, name.length - suffix.length);
        if (base >= 0) this.suffixed[i]![base] = profile;
      }
    }
  }

  /** How many profiles; each is a number below this. */
  get size(): number {
    return this.names.size;
  }

  name(profile: number): string {
    return this.names.names[profile]!;
  }

  /** profileValue: the credentials file's value, else the config file's. */
  value(profile: number, k: number): string | undefined {
    return this.credentials.get(profile, k) ?? this.config.get(profile, k);
  }

  /** The value in the credentials file only (sessionInFile reads nothing else). */
  credentialsValue(profile: number, k: number): string | undefined {
    return this.credentials.get(profile, k);
  }

  /** Whether the profile holds keys itself (staticKeys): an id and a secret. */
  hasKeys(profile: number): boolean {
    return (
      this.value(profile, Key.keyId) !== undefined && this.value(profile, Key.secret) !== undefined
    );
  }

  /** Whether its keys come with a session token (either name), as staticKeys reads it. */
  hasToken(profile: number): boolean {
    return (this.value(profile, Key.token) ?? this.value(profile, Key.oldToken)) !== undefined;
  }

  /**
   * The profile whose long-term keys `profile` uses, as findLongTermKeys finds it without
   * --long-term-profile; -1 where that throws.
   */
  partnerOf(profile: number): number {
    const configured = this.value(profile, Key.partner);
    if (configured !== undefined) {
      const named = this.names.find(configured, 0, configured.length);
      return named >= 0 && this.candidate(named, true) === "long-term" ? named : -1;
    }
    for (const suffixed of this.suffixed) {
      const candidate = suffixed[profile]!;
      if (candidate < 0) continue;
      const state = this.candidate(candidate, true);
      if (state === "throws") return -1;
      if (state === "long-term") return candidate;
    }
    return this.candidate(profile, false) === "long-term" ? profile : -1;
  }

  /** The key id login caches a long-term profile's sessions under (longTermOf's keyId). */
  longTermKeyId(profile: number): string {
    const store = this.config.get(profile, Key.store);
    const name = this.name(profile);
    if (store !== undefined && store !== "credentials-file") {
      return this.config.get(profile, Key.notedKeyId) ?? `${store}:${name}`;
    }
    return this.hasKeys(profile) ? this.value(profile, Key.keyId)! : `credential_process:${name}`;
  }

  /** candidateState of session/long-term.ts, for a profile that exists. */
  private candidate(profile: number, processAllowed: boolean): Candidate {
    const store = this.config.get(profile, Key.store);
    if (store !== undefined && store !== "credentials-file") {
      return isKeyStoreName(store) ? "long-term" : "throws";
    }
    if (!this.hasKeys(profile)) {
      const process = processAllowed && this.value(profile, Key.process) !== undefined;
      return process ? "long-term" : "no-keys";
    }
    return this.keyState(profile);
  }

  /** keyState of the keys of a profile that holds some (hasKeys): never "none". */
  keyState(profile: number): "long-term" | "session" {
    const keyId = this.value(profile, Key.keyId)!;
    // What isLongTermKeyId's /^\s*AKIA/ says of most ids, without a regular expression
    if (keyId.startsWith("AKIA")) return "long-term";
    return keyState(keyId, this.hasToken(profile)) as "long-term" | "session";
  }

  static {
    // ../system/below-top-tier.ts: why
    const { prototype: p } = ProfileKeys;
    belowTopTier(ProfileKeys, p.name, p.value, p.credentialsValue, p.hasKeys, p.hasToken);
    belowTopTier(p.partnerOf, p.longTermKeyId, p.candidate, p.keyState);
  }
}
