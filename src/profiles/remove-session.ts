/**
 * Logout's edit of the credentials file: the session keys and `expiration` leave [PROFILE];
 * the section, its other keys (mfa_serial, region...) and its comments stay. Long-term keys
 * are never removed: that is decided on the text under the lock, like every write.
 */

import { SESSION_KEYS, type SectionState, sectionState } from "../config/section-state.ts";
import type { Deps } from "../deps.ts";
import { fileOptionsFrom, readText, withHeldLock, writeFileAtomic } from "../fs/index.ts";
import { deleteProfileKeysIn, profileIndex } from "../ini/index.ts";

/** What [PROFILE] held: "session" was removed, "long-term" was left alone, "none" had nothing. */
export type RemoveOutcome = SectionState;

/** The pure edit: the text without the profile's session, and what the section held. */
export function withoutSession(
  current: string | null,
  profile: string,
): { text: string | null; held: RemoveOutcome } {
  const held = sectionState(current, profile);
  if (held !== "session" || current === null) return { text: current, held };
  const index = profileIndex(current, "credentials");
  const text = deleteProfileKeysIn(index, { kind: "credentials", profile }, SESSION_KEYS);
  return { text, held };
}

export async function removeSessionFromFile(
  path: string,
  currentText: string | null,
  profile: string,
  deps: Pick<Deps, "fs" | "clock" | "processes" | "hooks">,
): Promise<RemoveOutcome> {
  // Nothing to remove by the text already read: no lock taken, nothing written.
  const seen = sectionState(currentText, profile);
  if (seen !== "session") return seen;
  const options = fileOptionsFrom(deps);
  return withHeldLock(
    deps.fs,
    path,
    async (held) => {
      const current = await readText(deps.fs, path);
      const result = withoutSession(current, profile);
      if (result.text !== null && result.text !== current) {
        // As updateFile does: write only while the lock is still ours.
        await writeFileAtomic(deps.fs, path, result.text, {
          ...options,
          beforeRename: held.confirm,
        });
      }
      return result.held;
    },
    options,
  );
}
