/**
 * What a login of one or several profiles says once the sessions are in hand: where each one
 * was written, which profile the shell got, and, in direct mode (where the shell cannot be
 * changed), that a written profile is ready to use by name.
 */
import type { Deps } from "../deps.ts";
import { shellForFormat, shellReading } from "../shell/index.ts";
import { printableInLine } from "../system/printable.ts";
import type { OutputMode } from "./mode.ts";

export interface LoginOutcome {
  profile: string;
  /** The session is in [profile] of the credentials file (written now or already there). */
  inFile: boolean;
  /** It was written by this run. */
  written: boolean;
}

/** True when direct mode should show "ready" lines instead of export lines to copy. */
export function fileIsTheResult(mode: OutputMode, first: LoginOutcome): boolean {
  return mode.kind === "direct" && first.inFile;
}

export function reportLogins(
  mode: OutputMode,
  outcomes: readonly LoginOutcome[],
  credentialsPath: string,
  deps: Pick<Deps, "io">,
): void {
  const [first, ...others] = outcomes;
  if (!first) return;
  if (mode.kind === "direct") {
    // Pasted into the user's shell: quoted as that shell reads it (a fish user's "it's" is
    // not 'it'\''s'), on one line; zsh would read a bare =name as a command's path.
    const word = (shellReading(mode.shell) ?? shellForFormat("sh")).word;
    for (const outcome of outcomes) {
      if (outcome.inFile) {
        const name = word(outcome.profile);
        deps.io.stdout.write(
          `${printableInLine(outcome.profile)} is ready: aws --profile ${name} ...\n`,
        );
      }
    }
    return;
  }
  for (const outcome of outcomes) {
    if (outcome.written) {
      deps.io.stderr.write(
        `Saved the session in [${printableInLine(outcome.profile)}] of ${printableInLine(credentialsPath)}\n`,
      );
    }
  }
  if (others.length === 0) return;
  const names = others.map((outcome) => printableInLine(outcome.profile)).join(", ");
  const shown = printableInLine(first.profile);
  deps.io.stderr.write(
    mode.kind === "explicit"
      ? `Printed the session of ${shown}, the first profile named. Also logged in: ${names}.\n`
      : `This shell now uses ${shown}, the first profile named. Also logged in: ${names} (\`awsmfa NAME\` switches to one without a code).\n`,
  );
}
