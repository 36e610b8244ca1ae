/**
 * src/otp/ (domain layer): where one-time codes come from. This registry lists the sources (one
 * file each in sources/); the rest is their plumbing: choosing a source from flags, variables
 * and config, reading a code, the reuse guard. May import other domain folders and base; never
 * commands/ or above.
 *
 * Every kind of code source, in the order `awsmfa sources` lists them. A new source is one
 * file behind the OtpSource interface and one line here; nothing registers itself on import.
 */

import type { OtpSourceKind } from "./source.ts";
import { argumentKind } from "./sources/argument.ts";
import { bitwardenKind } from "./sources/bitwarden.ts";
import { commandKind } from "./sources/command.ts";
import { dialogKind } from "./sources/dialog.ts";
import { onePasswordKind } from "./sources/onepassword.ts";
import { passKind } from "./sources/pass.ts";
import { promptKind } from "./sources/prompt.ts";
import { stdinKind } from "./sources/stdin.ts";
import { ykmanKind } from "./sources/ykman.ts";

export const OTP_SOURCES: readonly OtpSourceKind[] = [
  promptKind,
  dialogKind,
  argumentKind,
  stdinKind,
  onePasswordKind,
  bitwardenKind,
  ykmanKind,
  passKind,
  commandKind,
];

/** The kinds --otp-source and awsmfa_otp_source can name (argument and stdin come from --otp). */
export function selectableSources(): OtpSourceKind[] {
  return OTP_SOURCES.filter((kind) => kind.create !== undefined);
}

/** The kind a name (or alias) stands for, ignoring case. */
export function sourceNamed(name: string): OtpSourceKind | undefined {
  const wanted = name.trim().toLowerCase();
  return selectableSources().find((k) => k.name === wanted || k.aliases.includes(wanted));
}
