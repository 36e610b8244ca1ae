/**
 * Picks the code source for a login: --otp CODE or --otp - first; else what the command line,
 * the environment and the profile's config say (otp/resolve.ts); else the terminal prompt.
 */
import { type AwsFiles, profileValue } from "../config/aws-files.ts";
import type { LocalPlan } from "../session/local-plan.ts";
import { printableInLine } from "../system/printable.ts";
import { withPromptFallback } from "./fallback.ts";
import { DEFAULT_TIMEOUT_MS, resolveSource, timeoutOf } from "./resolve.ts";
import { OTP_SETTINGS, type OtpLayer, type OtpValues } from "./settings.ts";
import type { OtpSource } from "./source.ts";
import { argumentSource } from "./sources/argument.ts";
import { PROMPT_TRIES, promptSourceWith } from "./sources/prompt.ts";
import { stdinSource } from "./sources/stdin.ts";

export interface OtpContext {
  /** Command-line and environment layers, highest first (see otp/cli-options.ts). */
  layers: readonly OtpLayer[];
  files: AwsFiles;
  /** The profile, then its long-term profile: where awsmfa_* keys are read. */
  profiles: readonly string[];
}

export function chooseOtpSource(otpFlag: string | undefined, context?: OtpContext): OtpSource {
  if (otpFlag !== undefined && otpFlag !== "-") return withMaxWait(argumentSource(otpFlag), 0);
  if (!context) {
    return otpFlag === "-"
      ? withMaxWait(stdinSource(DEFAULT_TIMEOUT_MS), DEFAULT_TIMEOUT_MS)
      : withMaxWait(promptSourceWith(DEFAULT_TIMEOUT_MS), PROMPT_TRIES * DEFAULT_TIMEOUT_MS);
  }
  const layers = [...context.layers, ...configLayers(context.files, context.profiles)];
  if (otpFlag === "-") {
    const timeoutMs = timeoutOf(layers);
    return withMaxWait(stdinSource(timeoutMs), timeoutMs);
  }
  const choice = resolveSource(layers);
  const timeoutMs = choice.settings.timeoutMs;
  const source = withPromptFallback(choice.kind.create!(choice.settings), timeoutMs);
  // Each question (the prompt's up to PROMPT_TRIES, a dialog's, a program's) waits at most the
  // code-source timeout; an automatic source may fall back to the prompt after its own.
  return withMaxWait(source, (PROMPT_TRIES + (choice.kind.automatic ? 1 : 0)) * timeoutMs);
}

/** The source, told the longest one code() may take (an own property: getters stay live). */
function withMaxWait(source: OtpSource, ms: number): OtpSource {
  return Object.assign(source, { maxWaitMs: ms });
}

/** One layer per profile, in order, with the awsmfa_* code-source keys it holds. */
export function configLayers(files: AwsFiles, profiles: readonly string[]): OtpLayer[] {
  return [...new Set(profiles)].map((profile) => {
    const values: OtpValues = {};
    for (const s of OTP_SETTINGS) {
      const value = profileValue(files, profile, s.config);
      if (value !== undefined) values[s.key] = value;
    }
    const header = profile === "default" ? "[default]" : `[profile ${printableInLine(profile)}]`;
    return {
      kind: "config",
      values,
      profile,
      section: `${header} of ${printableInLine(files.paths.config)}`,
    };
  });
}

/**
 * getSession's `otp` for a command: the source of the profile being logged into (and of its
 * long-term profile), decided only when a new session is needed.
 */
export function otpChooser(
  otpFlag: string | undefined,
  layers: readonly OtpLayer[],
  files: AwsFiles,
): (plan: Pick<LocalPlan, "profile" | "longTerm">) => OtpSource {
  return (plan) =>
    chooseOtpSource(otpFlag, { layers, files, profiles: [plan.profile, plan.longTerm.profile] });
}
