/**
 * src/profiles/ (domain layer): awsmfa's edits of ~/.aws/credentials for sessions: write,
 * remove, forget cached ones, the inventory and status of profiles. May import session/, other
 * domain folders and base; never commands/ or above.
 *
 * Login's "write to the credentials file" step: when PROFILE is the session side of a pair
 * ([prod-long-term] -> [prod]), the session goes into [PROFILE] so that every tool can use
 * `--profile prod` until it expires. A minimal edit: the four session keys change, every other
 * key, comment and byte of the file stays.
 *
 * Long-term keys are never overwritten. That is checked twice: before a code is asked for (so a
 * refused write costs no code), and, the check that counts, inside the locked edit on the text
 * as it is at that moment.
 */
import type { SessionCredentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import { sectionState } from "../config/section-state.ts";
import type { Deps } from "../deps.ts";
import { startFlushThreads } from "../fs/flush-threads.ts";
import { fileOptionsFrom, updateFile } from "../fs/index.ts";
import { profileIndex, setProfileKeysIn } from "../ini/index.ts";
import { isoSeconds } from "../output/variables.ts";
import { fileHoldsSession } from "../session/in-file.ts";
import { longTermRefusal } from "./write-choice.ts";

type WriteDeps = Pick<Deps, "fs" | "clock" | "processes" | "hooks" | "onInterrupt" | "io">;

/**
 * Writes the session into [profile]; false when the file already held exactly it. `meanwhile`
 * runs while the new file is flushed to disk, and the file is replaced only if it succeeded
 * (fs/atomic-write.ts); it does not run when nothing is written. The folder's fsync after the
 * rename runs while the lock is released; with `flushed`, it is handed over instead of waited
 * for, and the caller waits for it before it says the session is saved.
 */
export async function writeSessionToFile(
  files: AwsFiles,
  profile: string,
  session: SessionCredentials,
  deps: WriteDeps,
  meanwhile?: () => Promise<void>,
  flushed?: (folderSynced: Promise<void>) => void,
): Promise<boolean> {
  // The common cached login: nothing to do, so not even the lock is taken.
  if (fileHoldsSession(files, profile, session)) return false;
  const path = files.paths.credentials;
  let folderSynced: Promise<void> | undefined;
  const result = await updateFile(
    deps.fs,
    path,
    (current) => withSession(current, profile, session, path),
    {
      ...fileOptionsFrom(deps),
      ...(meanwhile && { meanwhile }),
      folderFlushed: (synced) => {
        folderSynced = synced;
      },
    },
  );
  if (flushed && folderSynced) flushed(folderSynced);
  else await folderSynced;
  return result.changed;
}

/**
 * A new session's two writes at once: `keep` (the session cache, session/obtain.ts) runs while
 * [profile]'s new text is flushed to disk, which takes 1-6 ms a login would otherwise wait out
 * (docs/performance.md, ninth round). The order of what the files show is the old one: the
 * credentials file is replaced only once `keep` has succeeded, and a failed `keep` leaves it as
 * it was. `keep` runs in any case, first when [profile] cannot be written (a refusal, a lock
 * that does not come), so that a session AWS gave is never lost; its error wins, as before.
 */
export async function writeSessionAlongside(
  files: AwsFiles,
  profile: string,
  session: SessionCredentials,
  deps: WriteDeps,
  keep: () => Promise<void>,
  flushed?: (folderSynced: Promise<void>) => void,
): Promise<boolean> {
  let kept = false;
  const meanwhile = () => {
    kept = true;
    return keep();
  };
  let written: boolean;
  try {
    written = await writeSessionToFile(files, profile, session, deps, meanwhile, flushed);
  } catch (error) {
    if (!kept) await keep();
    throw error;
  }
  if (!kept) await keep();
  return written;
}

/**
 * What writeSessionToFile will need, made ready while AWS answers (SessionRequest.whileWaiting):
 * the threads its fsyncs run on (fs/flush-threads.ts), and its edit (rehearseSessionEdit).
 * Throws what the edit would throw.
 */
export function prepareSessionWrite(
  files: AwsFiles,
  profile: string,
  deps: Pick<Deps, "fs">,
): void {
  startFlushThreads(deps.fs, files.paths.credentials);
  rehearseSessionEdit(files, profile);
}

/**
 * writeSessionToFile's edit, made once ahead on the text the login read, with a stand-in
 * session, and dropped: its first run is cold (the section parse, the lossless parser's
 * regular expressions, the splice: ~0.9 ms, against ~0.2 ms warm), so a login has it made
 * while AWS answers (SessionRequest.whileWaiting). The edit that counts still runs under the
 * lock, on the text as it is then. Throws what the edit would throw (a long-term section).
 */
export function rehearseSessionEdit(files: AwsFiles, profile: string): void {
  withSession(files.credentialsText, profile, STAND_IN, files.paths.credentials);
}

/** A session of the shape AWS gives (the edit's work does not depend on the values). */
const STAND_IN: SessionCredentials = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE+/=",
  expiration: new Date(0),
};

/** The pure edit, run under the lock on the file's current text. */
export function withSession(
  current: string | null,
  profile: string,
  session: SessionCredentials,
  path: string,
): string {
  if (sectionState(current, profile) === "long-term") {
    const keyId = profileIndex(current ?? "", "credentials").get(profile)?.aws_access_key_id;
    // A nested value (`aws_access_key_id =` then indented lines) has no id to show.
    throw longTermRefusal(profile, path, typeof keyId === "string" ? keyId : "");
  }
  const values: Record<string, string> = {
    aws_access_key_id: session.accessKeyId,
    aws_secret_access_key: session.secretAccessKey,
    aws_session_token: session.sessionToken,
    expiration: isoSeconds(session.expiration),
  };
  // The index the login made of this text (when the file has not changed since): the edit
  // parses only [profile]'s sections (ini/section-edit.ts).
  const index = profileIndex(current ?? "", "credentials");
  // aws-mfa also writes the old name; a stale copy would mislead whoever reads it.
  if (index.get(profile)?.aws_security_token !== undefined) {
    values.aws_security_token = session.sessionToken;
  }
  return setProfileKeysIn(index, { kind: "credentials", profile }, values);
}
