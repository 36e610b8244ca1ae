/**
 * summarizeProfiles (inventory.ts) for every profile at once, from the keys ProfileKeys read:
 * what `awsmfa list` shows. The same answers, profile by profile, as the general readers
 * give (tests/profiles/inventory-scan.test.ts), in a few array reads each instead of ~25
 * lookups through them.
 */
import { belowTopTier } from "../system/below-top-tier.ts";
import type { ProfileKind, ProfileSummary } from "./inventory.ts";
import { Key, type ProfileKeys, SERIAL_NAMES, SERIAL_SLOTS } from "./profile-keys.ts";
import { SerialChecks } from "./serial-checks.ts";

export interface Inventory {
  /** Every profile's summary, in profileNames' order (profile number i is rows[i]). */
  rows: ProfileSummary[];
  /**
   * 1 for a long-term profile that serves another (the session profile's longTermProfile):
   * its row shows no session of its own (inventory.ts's partners(), by number).
   */
  serving: Uint8Array;
}

export function scanInventory(keys: ProfileKeys): Inventory {
  const rows: ProfileSummary[] = [];
  const serving = new Uint8Array(keys.size);
  const checks = new SerialChecks();
  for (let profile = 0; profile < keys.size; profile++) {
    rows.push(summarize(keys, profile, serving, checks));
  }
  return { rows, serving };
}

function summarize(
  keys: ProfileKeys,
  profile: number,
  serving: Uint8Array,
  checks: SerialChecks,
): ProfileSummary {
  const name = keys.name(profile);
  // -2: not looked up (a role's partner never is: summarizeProfile's partnerOnce); -1: none
  let partner = -2;
  let kind: ProfileKind;
  if (keys.value(profile, Key.roleArn) !== undefined) {
    kind = "role";
  } else if (keys.hasKeys(profile)) {
    kind = keys.keyState(profile);
  } else {
    partner = keys.partnerOf(profile);
    kind = partner >= 0 && partner !== profile ? "session" : "other";
  }
  let longTermProfile: string | undefined;
  if (kind !== "role" && kind !== "other") {
    if (partner === -2) partner = keys.partnerOf(profile);
    if (partner >= 0) longTermProfile = keys.name(partner);
  }
  // summarizeProfile's `longTermProfile && longTermProfile !== name` (a name may be "")
  const other = longTermProfile ? partner !== profile : false;
  let serial: string | undefined;
  let valid = true;
  try {
    serial =
      serialOf(keys, profile, checks) ?? (other ? serialOf(keys, partner, checks) : undefined);
  } catch {
    serial = "invalid";
    valid = false;
  }
  const region =
    keys.value(profile, Key.region) ?? (other ? keys.value(partner, Key.region) : undefined);
  if (kind === "session" && other) serving[partner] = 1;
  const cacheKey =
    partner >= 0 && valid && serial
      ? { longTermKeyId: keys.longTermKeyId(partner), serial }
      : undefined;
  return { name, kind, longTermProfile, serial, region, cacheKey };
}

/** configuredSerial for one profile: its first device key, checked (checkSerial throws). */
function serialOf(keys: ProfileKeys, profile: number, checks: SerialChecks): string | undefined {
  // By index, not `for (const [name, k] of ...)`: a pair destructured per key tried was an
  // iteration of its own, for every profile and partner.
  for (let i = 0; i < SERIAL_SLOTS.length; i++) {
    const value = keys.value(profile, SERIAL_SLOTS[i]!);
    // What the message names does not matter here: a device that fails is "invalid".
    if (value !== undefined) return checks.check(value, SERIAL_NAMES[i]!);
  }
  return undefined;
}

// ../system/below-top-tier.ts: why
belowTopTier(scanInventory, summarize, serialOf);
