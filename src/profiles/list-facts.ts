/**
 * ProfileKeys' questions (profile-keys.ts: a profile's keys, its long-term partner, the key id
 * its sessions are cached under) over list-scan.ts's positions, for list-rows.ts: the same
 * rules, the common questions as array reads, the rare ones with the values cut out.
 */
import { keyState } from "../config/key-state.ts";
import { isKeyStoreName } from "../keys/store.ts";
import { LONG_TERM_SUFFIXES } from "../session/long-term.ts";
import { belowTopTier } from "../system/below-top-tier.ts";
import { type ScannedKeys, WIDTH } from "./list-scan.ts";
import { Key } from "./profile-keys.ts";

/** Kinds, and ProfileKeys' candidate states (NO_KEYS, THROWS besides the first two). */
export const LONG_TERM = 0;
export const SESSION = 1;
export const ROLE = 2;
export const OTHER = 3;
export const KIND_NAMES = ["long-term", "session", "role", "other"] as const;
const NO_KEYS = 4;
const THROWS = 5;
/** Places of keys within a profile's (see list-scan.ts). */
const KEY_ID = 2 * Key.keyId;
const SECRET = 2 * Key.secret;
const PARTNER = 2 * Key.partner;
const STORE = 2 * Key.store;

export class Facts {
  /** Per LONG_TERM_SUFFIXES entry: profile -> the number of name + suffix, or -1. */
  readonly suffixed: Int32Array[];

  constructor(private readonly keys: ScannedKeys) {
    const { names, bytes } = keys;
    const made = keys.scanner.suffixed?.(names, LONG_TERM_SUFFIXES);
    if (made !== undefined) {
      this.suffixed = made;
      return;
    }
    this.suffixed = LONG_TERM_SUFFIXES.map(() => new Int32Array(keys.size).fill(-1));
    const codes = LONG_TERM_SUFFIXES.map((suffix) =>
      Uint8Array.from(suffix, (c) => c.charCodeAt(0)),
    );
    for (let profile = 0; profile < keys.size; profile++) {
      const b = bytes[names.file[profile]!]!;
      const start = names.start[profile]!;
      const end = names.end[profile]!;
      for (let i = 0; i < codes.length; i++) {
        const suffix = codes[i]!;
        const from = end - suffix.length;
        // the last character first: most names end in none of them
        if (from < start || b[end - 1] !== suffix[suffix.length - 1]) continue;
        let j = 0;
        while (j < suffix.length && b[from + j] === suffix[j]) j++;
        if (j < suffix.length) continue;
        const base = names.find(b, start, from);
        if (base >= 0) this.suffixed[i]![base] = profile;
      }
    }
  }

  hasKeys(profile: number): boolean {
    const config = this.keys.places[0];
    const credentials = this.keys.places[1];
    const base = 2 * WIDTH * profile;
    return (
      (credentials[base + KEY_ID] !== 0 || config[base + KEY_ID] !== 0) &&
      (credentials[base + SECRET] !== 0 || config[base + SECRET] !== 0)
    );
  }

  /** keyState of a profile that holds keys: LONG_TERM or SESSION. */
  keyState(profile: number): number {
    const { keys } = this;
    const at = 2 * (WIDTH * profile + Key.keyId);
    const file = keys.places[1][at] !== 0 ? 1 : 0;
    const b = keys.bytes[file];
    const start = keys.places[file][at]! - 1;
    // What isLongTermKeyId's /^\s*AKIA/ says of most ids (the value is stripped already)
    if (
      keys.places[file][at + 1]! - start >= 4 &&
      b[start] === 65 &&
      b[start + 1] === 75 &&
      b[start + 2] === 73 &&
      b[start + 3] === 65
    ) {
      return LONG_TERM;
    }
    const hasToken =
      keys.fileOf(profile, Key.token) >= 0 || keys.fileOf(profile, Key.oldToken) >= 0;
    return keyState(keys.value(profile, Key.keyId), hasToken) === "session" ? SESSION : LONG_TERM;
  }

  /** ProfileKeys.partnerOf: the profile whose long-term keys `profile` uses, or -1. */
  partnerOf(profile: number): number {
    const { keys } = this;
    const config = keys.places[0];
    const credentials = keys.places[1];
    const at = 2 * WIDTH * profile + PARTNER;
    if (credentials[at] !== 0 || config[at] !== 0) {
      const configured = keys.value(profile, Key.partner)!;
      const named = keys.names.findName(configured);
      return named >= 0 && this.candidate(named, true) === LONG_TERM ? named : -1;
    }
    for (let i = 0; i < this.suffixed.length; i++) {
      const candidate = this.suffixed[i]![profile]!;
      if (candidate < 0) continue;
      const state = this.candidate(candidate, true);
      if (state === THROWS) return -1;
      if (state === LONG_TERM) return candidate;
    }
    return this.candidate(profile, false) === LONG_TERM ? profile : -1;
  }

  /** ProfileKeys.longTermKeyId: the key id login caches the partner's sessions under. */
  longTermKeyId(profile: number): string {
    const { keys } = this;
    const store = keys.fileValue(0, profile, Key.store);
    const name = keys.names.name(profile);
    if (store !== undefined && store !== "credentials-file") {
      return keys.fileValue(0, profile, Key.notedKeyId) ?? `${store}:${name}`;
    }
    return this.hasKeys(profile) ? keys.value(profile, Key.keyId)! : `credential_process:${name}`;
  }

  /** ProfileKeys' candidate (candidateState of session/long-term.ts). */
  private candidate(profile: number, processAllowed: boolean): number {
    const { keys } = this;
    // The config file's alone, as ProfileKeys reads it
    if (keys.places[0][2 * WIDTH * profile + STORE] !== 0) {
      const store = keys.fileValue(0, profile, Key.store)!;
      if (store !== "credentials-file") return isKeyStoreName(store) ? LONG_TERM : THROWS;
    }
    if (!this.hasKeys(profile)) {
      return processAllowed && keys.fileOf(profile, Key.process) >= 0 ? LONG_TERM : NO_KEYS;
    }
    return this.keyState(profile);
  }

  static {
    // ../system/below-top-tier.ts: why
    const { prototype: p } = Facts;
    belowTopTier(Facts, p.hasKeys, p.keyState, p.partnerOf, p.candidate);
  }
}
