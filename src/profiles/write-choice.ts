/**
 * Whether a login writes its session into [PROFILE] of the credentials file (write-session.ts
 * does the write): decided before any code is asked for, from the files alone, so that the
 * cached fast path can decide it without loading the writer.
 */
import { maskKeyId } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import type { SectionState } from "../config/section-state.ts";
import { booleanSetting } from "../config/settings.ts";
import { staticKeys } from "../config/static-keys.ts";
import { pasteable, UserError } from "../errors.ts";
import { findLongTermKeys } from "../session/long-term.ts";
import { printableInLine } from "../system/printable.ts";

export interface WriteChoice {
  profile: string;
  /** --long-term-profile, which decides whether PROFILE is a session profile at all. */
  longTermProfile: string | undefined;
  /** --no-write */
  noWrite: boolean;
}

/**
 * Whether login writes the session into [PROFILE], decided before any code is asked for.
 * Throws when [PROFILE] holds long-term keys that the write would replace. `stateOf` reads a
 * profile's credentials-file sections (config/section-state.ts's sectionState on the file's
 * text; the cached fast path has a lean reading of simple sections).
 */
export function wantsFileWrite(
  files: AwsFiles,
  choice: WriteChoice,
  stateOf: (profile: string) => SectionState,
): boolean {
  let longTermProfile: string;
  try {
    longTermProfile = findLongTermKeys(files, choice.profile, choice.longTermProfile).profile;
  } catch {
    return false; // getSession explains what is missing
  }
  if (longTermProfile === choice.profile || choice.noWrite) return false;
  if (!booleanSetting(files, choice.profile, "awsmfa_write", true)) return false;
  if (stateOf(choice.profile) === "long-term") {
    const keyId = staticKeys(files, choice.profile)?.accessKeyId ?? "";
    throw longTermRefusal(choice.profile, files.paths.credentials, keyId);
  }
  return true;
}

export function longTermRefusal(profile: string, path: string, keyId: string): UserError {
  return new UserError(
    `[${printableInLine(profile)}] in ${printableInLine(path)} holds long-term keys (${maskKeyId(keyId)}); awsmfa will not overwrite them with a session.`,
    {
      hint: `Run \`awsmfa configure ${pasteable(profile)}\` to move them to [${printableInLine(profile)}-long-term], or log in with --no-write to leave the file alone.`,
    },
  );
}
