/**
 * scanInventory's summaries (inventory-scan.ts) over list-scan.ts's positions, for the fast
 * table (commands/list/fast-table.ts): the same rules, profile-keys.ts's and
 * inventory-scan.ts's, with the answers kept as numbers (a kind, a partner, the profiles whose
 * device and region a row shows) instead of an object and strings per profile.
 */
import { belowTopTier } from "../system/below-top-tier.ts";
import { PADDED_UP_TO } from "../ui/table.ts";
import { Facts, KIND_NAMES, LONG_TERM, OTHER, ROLE, SESSION } from "./list-facts.ts";
import { type RowTables, type ScannedKeys, WIDTH } from "./list-scan.ts";
import { Key, SERIAL_NAMES, SERIAL_SLOTS } from "./profile-keys.ts";
import { SerialChecks } from "./serial-checks.ts";

export interface ListRows extends RowTables {
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
  /**
   * The widest cell of each of the first four columns (their headers included), cells wider
   * than PADDED_UP_TO (ui/table.ts) left out: they pad no other row.
   */
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
  const { suffixed } = facts;
  // The common questions as array reads here, in the loop (a call per question per row cost
  // more than the question in the tiers a first run spends its start in); the rarer ones
  // through Facts, which answers every one.
  const role = 2 * Key.roleArn;
  const keyId = 2 * Key.keyId;
  const secret = 2 * Key.secret;
  const region = 2 * Key.region;
  const partnerKey = 2 * Key.partner;
  const store = 2 * Key.store;
  let nameWidth = 7;
  let kindWidth = 4;
  let serialWidth = 10;
  let regionWidth = 6;
  // The usual rows by C where the files were scanned by C (list-rows-c.ts): it stops at a row
  // that needs more, which this loop answers, then goes on.
  const { summaries } = keys.scanner;
  const s = new Int32Array(6);
  s[1] = size;
  for (let profile = 0; profile < size; profile++) {
    if (summaries !== undefined) {
      s[0] = profile;
      s[2] = nameWidth;
      s[3] = kindWidth;
      s[4] = serialWidth;
      s[5] = regionWidth;
      summaries(keys, rows, suffixed, checks.lastPrefix, s);
      nameWidth = s[2]!;
      kindWidth = s[3]!;
      serialWidth = s[4]!;
      regionWidth = s[5]!;
      profile = s[0]!;
      if (profile >= size) break;
    }
    const base = 2 * WIDTH * profile;
    const withKeys =
      (credentials[base + keyId] !== 0 || config[base + keyId] !== 0) &&
      (credentials[base + secret] !== 0 || config[base + secret] !== 0);
    let kind: number;
    if (credentials[base + role] !== 0 || config[base + role] !== 0) {
      kind = ROLE;
    } else if (withKeys) {
      // keyState's first answer: an id that starts with AKIA is long-term
      const file = credentials[base + keyId] !== 0 ? 1 : 0;
      const start = keys.places[file]![base + keyId]! - 1;
      const b = bytes[file]!;
      kind =
        keys.places[file]![base + keyId + 1]! - start >= 4 &&
        b[start] === 65 &&
        b[start + 1] === 75 &&
        b[start + 2] === 73 &&
        b[start + 3] === 65
          ? LONG_TERM
          : facts.keyState(profile);
    } else {
      kind = OTHER; // or SESSION: by its partner, below
    }
    // -2: not looked up (a role's partner never is: summarizeProfile's partnerOnce). Else
    // Facts.partnerOf's answer, worked out here when it is the usual one (no partner named,
    // no key store, a partner by suffix with AKIA keys), else asked of it (-4 below).
    let partner = -2;
    if (kind !== ROLE) {
      partner = -4;
      if (credentials[base + partnerKey] === 0 && config[base + partnerKey] === 0) {
        partner = -3; // no name + suffix is a profile
        for (let i = 0; i < suffixed.length; i++) {
          const candidate = suffixed[i]![profile]!;
          if (candidate < 0) continue;
          const at = 2 * WIDTH * candidate;
          partner = -4;
          if (
            config[at + store] === 0 &&
            (credentials[at + keyId] !== 0 || config[at + keyId] !== 0) &&
            (credentials[at + secret] !== 0 || config[at + secret] !== 0)
          ) {
            const file = credentials[at + keyId] !== 0 ? 1 : 0;
            const start = keys.places[file]![at + keyId]! - 1;
            const b = bytes[file]!;
            if (
              keys.places[file]![at + keyId + 1]! - start >= 4 &&
              b[start] === 65 &&
              b[start + 1] === 75 &&
              b[start + 2] === 73 &&
              b[start + 3] === 65
            ) {
              partner = candidate;
            }
          }
          break;
        }
        // Its own keys, as candidate(profile, false): with no key store, keyState's answer
        // (the kind) for keys, none without
        if (partner === -3) {
          partner = config[base + store] !== 0 ? -4 : kind === LONG_TERM ? profile : -1;
        }
      }
      if (partner === -4) partner = facts.partnerOf(profile);
      if (kind === OTHER && partner >= 0 && partner !== profile) kind = SESSION;
    }
    const own = kind === SESSION || kind === LONG_TERM;
    rows.kind[profile] = kind;
    rows.partner[profile] = partner < 0 ? -1 : partner;
    // summarize's `other` (a name is never "" here: list-scan.ts)
    const other = own && partner >= 0 && partner !== profile;
    // configuredSerial: its own device, else its partner's; checked as checkSerial checks
    let owner = -1;
    let slot = 0;
    let file = -1;
    for (let pass = 0; pass < 2 && owner < 0; pass++) {
      const whose = pass === 0 ? profile : other ? partner : -1;
      if (whose < 0) break;
      for (let i = 0; i < SERIAL_SLOTS.length; i++) {
        const at = 2 * (WIDTH * whose + SERIAL_SLOTS[i]!);
        file = credentials[at] !== 0 ? 1 : config[at] !== 0 ? 0 : -1;
        if (file < 0) continue;
        owner = whose;
        slot = i;
        break;
      }
    }
    if (owner >= 0) {
      const k = SERIAL_SLOTS[slot]!;
      const at = 2 * (WIDTH * owner + k);
      const places = keys.places[file]!;
      try {
        // What the message names does not matter here: a device that fails is "invalid".
        // The texts where decoded (the JavaScript scan's); else the device alone (C's).
        const text = keys.decodedText(file);
        if (text !== undefined) {
          checks.checkAt(text, places[at]! - 1, places[at + 1]!, SERIAL_NAMES[slot]!);
        } else {
          const device = keys.slice(file, places[at]! - 1, places[at + 1]!);
          checks.checkAt(device, 0, device.length, SERIAL_NAMES[slot]!);
        }
        rows.serialOf[profile] = owner;
        rows.serialSlot[profile] = k;
        rows.serialFile[profile] = file;
        const end = places[at + 1]!;
        const start = shownFrom(bytes[file]!, places[at]! - 1, end);
        rows.serialStart[profile] = start;
        rows.serialEnd[profile] = end;
        if (end - start > serialWidth && end - start <= PADDED_UP_TO) serialWidth = end - start;
      } catch {
        rows.serialOf[profile] = -1;
        rows.serialFile[profile] = 2;
        if (serialWidth < 7) serialWidth = 7;
      }
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
      const regionLength = places[regionAt + 1]! - places[regionAt]! + 1;
      if (regionLength > regionWidth && regionLength <= PADDED_UP_TO) regionWidth = regionLength;
    }
    if (kind === SESSION && other) rows.serving[partner] = 1;
    const nameLength = names.end[profile]! - names.start[profile]!;
    if (nameLength > nameWidth && nameLength <= PADDED_UP_TO) nameWidth = nameLength;
    if (KIND_NAMES[kind]!.length > kindWidth) kindWidth = KIND_NAMES[kind]!.length;
  }
  rows.widths = [nameWidth, kindWidth, serialWidth, regionWidth];
  return rows;
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

belowTopTier(listRows, shownFrom);
