/**
 * Logout's edit of the credentials file: the session keys and `expiration` leave [PROFILE];
 * the section, its other keys (mfa_serial, region...) and its comments stay. Long-term keys
 * are never removed: that is decided on the text under the lock, like every write.
 */

import { SESSION_KEYS } from "../config/key-state.ts";
import { type SectionState, sectionState } from "../config/section-state.ts";
import type { Deps } from "../deps.ts";
import { fileOptionsFrom, updateFile } from "../fs/index.ts";
import { deleteProfileKeysIn, profileIndex } from "../ini/index.ts";

/** What [PROFILE] held: "session" was removed, "long-term" was left alone, "none" had nothing. */
export type RemoveOutcome = SectionState;

/** The pure edit: the text without the profile's session, and what the section held. */
export function withoutSession(
  current: string | null,
  profile: string,
): { text: string | null; held: RemoveOutcome } {
  const { text, held } = withoutSessions(current, [profile]);
  return { text, held: held.get(profile)! };
}

/** withoutSession for several profiles, in one pass over the file. */
export function withoutSessions(
  current: string | null,
  profiles: readonly string[],
): { text: string | null; held: Map<string, RemoveOutcome> } {
  const held = new Map(profiles.map((profile) => [profile, sectionState(current, profile)]));
  const doomed = profiles.filter((profile) => held.get(profile) === "session");
  if (doomed.length === 0 || current === null) return { text: current, held };
  const index = profileIndex(current, "credentials");
  return { text: deleteProfileKeysIn(index, doomed, SESSION_KEYS), held };
}

/**
 * Removes the sessions of `profiles` with one locked read, one edit and one write (logout
 * --all at 10,000 sessions wrote the file 10,000 times); what each section held.
 */
export async function removeSessionsFromFile(
  path: string,
  currentText: string | null,
  profiles: readonly string[],
  deps: Pick<Deps, "fs" | "clock" | "processes" | "hooks" | "onInterrupt" | "io">,
): Promise<Map<string, RemoveOutcome>> {
  // Nothing to remove by the text already read: no lock taken, nothing written.
  const seen = new Map(profiles.map((profile) => [profile, sectionState(currentText, profile)]));
  if (![...seen.values()].includes("session")) return seen;
  // updateFile's one loop: the lock, the read under it, the read again before the rename.
  let held = seen;
  await updateFile(
    deps.fs,
    path,
    (current) => {
      const result = withoutSessions(current, profiles);
      held = result.held;
      return result.text;
    },
    fileOptionsFrom(deps),
  );
  return held;
}
