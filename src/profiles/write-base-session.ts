/**
 * For a role login: the MFA session the role was assumed with goes into the section of its own
 * profile when that profile is the session side of a pair, exactly as `awsmfa login SOURCE`
 * would write it. The AWS CLI and the SDKs can then assume the role themselves from it.
 */
import type { AwsFiles } from "../config/aws-files.ts";
import { sectionState } from "../config/section-state.ts";
import type { Deps } from "../deps.ts";
import type { SessionResult } from "../session/request.ts";
import { printableInLine } from "../system/printable.ts";
import { wantsFileWrite } from "./write-choice.ts";
import { writeSessionToFile } from "./write-session.ts";

export async function writeBaseSession(
  files: AwsFiles,
  base: SessionResult,
  noWrite: boolean,
  deps: Pick<Deps, "fs" | "clock" | "processes" | "hooks" | "onInterrupt" | "io">,
): Promise<void> {
  const profile = base.plan.profile;
  const stateOf = (name: string) => sectionState(files.credentialsText, name);
  if (!wantsFileWrite(files, { profile, longTermProfile: undefined, noWrite }, stateOf)) return;
  if (await writeSessionToFile(files, profile, base.session, deps)) {
    deps.io.stderr.write(
      `Saved the MFA session of ${printableInLine(profile)} in [${printableInLine(profile)}] of ${printableInLine(files.paths.credentials)}\n`,
    );
  }
}
