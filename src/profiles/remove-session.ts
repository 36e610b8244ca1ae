/**
 * Logout's edit of the credentials file: the session keys and `expiration` leave [PROFILE];
 * the section, its other keys (mfa_serial, region...) and its comments stay. Long-term keys
 * are never removed: that is decided on the text under the lock, like every write.
 */

import { SESSION_KEYS } from "../config/key-state.ts";
import { type SectionState, sectionState } from "../config/section-state.ts";
import type { Deps } from "../deps.ts";
import {
  fileOptionsFrom,
  keepsChanging,
  MAX_ATTEMPTS,
  readText,
  withHeldLock,
  writeFileAtomic,
} from "../fs/index.ts";
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
  deps: Pick<Deps, "fs" | "clock" | "processes" | "hooks" | "onInterrupt">,
): Promise<Map<string, RemoveOutcome>> {
  // Nothing to remove by the text already read: no lock taken, nothing written.
  const seen = new Map(profiles.map((profile) => [profile, sectionState(currentText, profile)]));
  if (![...seen.values()].includes("session")) return seen;
  const options = fileOptionsFrom(deps);
  return withHeldLock(
    deps.fs,
    path,
    async (held) => {
      for (let attempt = 1; ; attempt++) {
        const current = await readText(deps.fs, path);
        const result = withoutSessions(current, profiles);
        if (result.text === null || result.text === current) return result.held;
        // As updateFile does: write only while the lock is still ours, and never over a
        // change made since the read by a program that does not take the lock (fs/update.ts).
        let changed = false;
        const beforeRename = async () => {
          changed = (await readText(deps.fs, path)) !== current;
          if (changed) throw new Error("changed since read");
          await held.confirm();
        };
        try {
          await writeFileAtomic(deps.fs, path, result.text, { ...options, beforeRename });
          return result.held;
        } catch (error) {
          if (!changed) throw error;
        }
        if (attempt >= MAX_ATTEMPTS) throw keepsChanging(path);
      }
    },
    options,
  );
}
