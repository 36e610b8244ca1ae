/**
 * scanInventory's summaries (inventory-scan.ts) over list-scan.ts's positions, for the fast
 * table (commands/list/fast-table.ts): the same rules, profile-keys.ts's and
 * inventory-scan.ts's, with the answers kept as numbers (a kind, a partner, the profiles whose
 * device and region a row shows) instead of an object and strings per profile.
 */
import { belowTopTier } from "../system/below-top-tier.ts";
import { Facts, KIND_NAMES, LONG_TERM, OTHER, ROLE, SESSION } from "./list-facts.ts";
import { type ScannedKeys, WIDTH } from "./list-scan.ts";
import { Key, SERIAL_NAMES, SERIAL_SLOTS } from "./profile-keys.ts";
import { SerialChecks } from "./serial-checks.ts";

export interface ListRows {
  /** LONG_TERM, SESSION, ROLE or OTHER. */
  kind: Uint8Array;
  /** The profile whose long-term keys get the row's sessions; -1: none, or not asked. */
  partner: Int32Array;
  /** The profile whose device the row shows (itself or its partner), -1 for none. */
  serialOf: Int32Array;
  /** The key of that device (a SERIAL_SLOTS entry). */
  serialSlot: Uint8Array;
  /**
   * The MFA DEVICE and REGION cells: the file their text is in (-1: none, shown "-"; 2 for
   * the device: "invalid") and its range there (the device from where its shown part starts).
   */
  serialFile: Int8Array;
  serialStart: Int32Array;
  serialEnd: Int32Array;
  regionFile: Int8Array;
  regionStart: Int32Array;
  regionEnd: Int32Array;
  /** 1 for a long-term profile that serves a session profile: no session of its own. */
  serving: Uint8Array;
  /** The widest cell of each of the first four columns (their headers included). */
  widths: [number, number, number, number];
  /** The questions asked, for a row's cache key (Facts.longTermKeyId). */
  facts: Facts;
}

/** Every profile's summary, as numbers, and its row's cells as ranges of the files. */
export function listRows(keys: ScannedKeys): ListRows {
  const size = keys.size;
  const facts = new Facts(keys);
  const rows: ListRows = {
    kind: new Uint8Array(size),
    partner: new Int32Array(size).fill(-1),
    serialOf: new Int32Array(size).fill(-1),
    serialSlot: new Uint8Array(size),
    serialFile: new Int8Array(size).fill(-1),
    serialStart: new Int32Array(size),
    serialEnd: new Int32Array(size),
    regionFile: new Int8Array(size).fill(-1),
    regionStart: new Int32Array(size),
    regionEnd: new Int32Array(size),
    serving: new Uint8Array(size),
    widths: [7, 4, 10, 6],
    facts,
  };
  const checks = new SerialChecks();
  const { names, bytes } = keys;
  const config = keys.places[0];
  const credentials = keys.places[1];
  // The common questions as array reads here; the rarer ones through Facts
  const role = 2 * Key.roleArn;
  const keyId = 2 * Key.keyId;
  const secret = 2 * Key.secret;
  const region = 2 * Key.region;
  let nameWidth = 7;
  let kindWidth = 4;
  let serialWidth = 10;
  let regionWidth = 6;
  for (let profile = 0; profile < size; profile++) {
    const base = 2 * WIDTH * profile;
    // -2: not looked up (a role's partner never is: summarizeProfile's partnerOnce)
    let partner = -2;
    let kind: number;
    if (credentials[base + role] !== 0 || config[base + role] !== 0) {
      kind = ROLE;
    } else if (
      (credentials[base + keyId] !== 0 || config[base + keyId] !== 0) &&
      (credentials[base + secret] !== 0 || config[base + secret] !== 0)
    ) {
      kind = facts.keyState(profile);
    } else {
      partner = facts.partnerOf(profile);
      kind = partner >= 0 && partner !== profile ? SESSION : OTHER;
    }
    const own = kind === SESSION || kind === LONG_TERM;
    if (own && partner === -2) partner = facts.partnerOf(profile);
    rows.kind[profile] = kind;
    rows.partner[profile] = partner < 0 ? -1 : partner;
    // summarize's `other` (a name is never "" here: list-scan.ts)
    const other = own && partner >= 0 && partner !== profile;
    try {
      if (!serialOf(keys, profile, profile, checks, rows) && other) {
        serialOf(keys, profile, partner, checks, rows);
      }
    } catch {
      rows.serialOf[profile] = -1;
      rows.serialFile[profile] = 2;
      if (serialWidth < 7) serialWidth = 7;
    }
    const file = rows.serialFile[profile]!;
    if (file === 0 || file === 1) {
      const at = 2 * (WIDTH * rows.serialOf[profile]! + rows.serialSlot[profile]!);
      const end = keys.places[file]![at + 1]!;
      const start = shownFrom(bytes[file]!, keys.places[file]![at]! - 1, end);
      rows.serialStart[profile] = start;
      rows.serialEnd[profile] = end;
      if (end - start > serialWidth) serialWidth = end - start;
    }
    let regionAt = base + region;
    if (credentials[regionAt] === 0 && config[regionAt] === 0) {
      regionAt = other ? 2 * WIDTH * partner + region : -1;
      if (regionAt >= 0 && credentials[regionAt] === 0 && config[regionAt] === 0) regionAt = -1;
    }
    if (regionAt >= 0) {
      const places = credentials[regionAt] !== 0 ? credentials : config;
      rows.regionFile[profile] = places === credentials ? 1 : 0;
      rows.regionStart[profile] = places[regionAt]! - 1;
      rows.regionEnd[profile] = places[regionAt + 1]!;
      if (places[regionAt + 1]! - places[regionAt]! + 1 > regionWidth) {
        regionWidth = places[regionAt + 1]! - places[regionAt]! + 1;
      }
    }
    if (kind === SESSION && other) rows.serving[partner] = 1;
    const nameLength = names.end[profile]! - names.start[profile]!;
    if (nameLength > nameWidth) nameWidth = nameLength;
    if (KIND_NAMES[kind]!.length > kindWidth) kindWidth = KIND_NAMES[kind]!.length;
  }
  rows.widths = [nameWidth, kindWidth, serialWidth, regionWidth];
  return rows;
}

/**
 * configuredSerial for `owner` into the row of `profile` (checked: throws as checkSerial
 * does); false when it names no device.
 */
function serialOf(
  keys: ScannedKeys,
  profile: number,
  owner: number,
  checks: SerialChecks,
  rows: ListRows,
): boolean {
  const config = keys.places[0];
  const credentials = keys.places[1];
  for (let i = 0; i < SERIAL_SLOTS.length; i++) {
    const k = SERIAL_SLOTS[i]!;
    const at = 2 * (WIDTH * owner + k);
    const file = credentials[at] !== 0 ? 1 : config[at] !== 0 ? 0 : -1;
    if (file < 0) continue;
    const places = file === 1 ? credentials : config;
    // What the message names does not matter here: a device that fails is "invalid".
    checks.checkAt(keys.texts[file ? 1 : 0], places[at]! - 1, places[at + 1]!, SERIAL_NAMES[i]!);
    rows.serialOf[profile] = owner;
    rows.serialSlot[profile] = k;
    rows.serialFile[profile] = file;
    return true;
  }
  return false;
}

/**
 * Where the shown part of the device b[start, end) starts: write.ts's serialFrom,
 * serial.replace(/^arn:[^:]+:iam::/, "").
 */
function shownFrom(b: Uint8Array, start: number, end: number): number {
  if (end - start < 4 || b[start] !== 97 || b[start + 1] !== 114 || b[start + 2] !== 110) {
    return start;
  }
  if (b[start + 3] !== 58) return start;
  let colon = start + 4;
  while (colon < end && b[colon] !== 58) colon++;
  if (colon === start + 4 || colon + 6 > end) return start;
  for (let i = 0; i < 6; i++) if (b[colon + i] !== IAM[i]) return start;
  return colon + 6;
}

const IAM = Uint8Array.from(":iam::", (c) => c.charCodeAt(0));

belowTopTier(listRows, serialOf, shownFrom);
