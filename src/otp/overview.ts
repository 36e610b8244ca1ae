/**
 * What `awsmfa sources` shows: every kind of source with whether it can work here, and for
 * each profile the source a login would use, with its settings and where they came from.
 * Reads files and PATH only: no AWS call, and no source is run.
 */
import { type AwsFiles, profileNames } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { UserError } from "../errors.ts";
import { findLongTermKeys } from "../session/long-term.ts";
import { configLayers } from "./choose.ts";
import { OTP_SOURCES } from "./registry.ts";
import { resolveSource } from "./resolve.ts";
import { type OtpLayer, type ResolvedValue, settingOf } from "./settings.ts";

export interface SourceLine {
  name: string;
  aliases: readonly string[];
  automatic: boolean;
  summary: string;
  available: boolean;
  detail: string;
  /** The config keys it reads. */
  settings: string[];
}

export interface ProfileLine {
  profile: string;
  /** The long-term profile whose awsmfa_* keys also count, when it is another profile. */
  longTermProfile?: string;
  source?: string;
  /** What chose the source: a flag, a variable, a config key, or "default". */
  from?: string;
  /** Config key => value and where it came from. */
  settings: Record<string, ResolvedValue>;
  /** Why a login of this profile would fail to choose a source. */
  error?: string;
}

export interface Overview {
  sources: SourceLine[];
  profiles: ProfileLine[];
}

export async function sourcesOverview(
  files: AwsFiles,
  environment: OtpLayer,
  deps: Deps,
): Promise<Overview> {
  const sources = await Promise.all(
    OTP_SOURCES.map(async (kind) => ({
      name: kind.name,
      aliases: kind.aliases,
      automatic: kind.automatic,
      summary: kind.summary,
      ...(await kind.availability(deps)),
      settings: kind.keys.map((key) => settingOf(key).config),
    })),
  );
  return { sources, profiles: profilesOf(files).map((p) => profileLine(files, p, environment)) };
}

interface ProfilePair {
  profile: string;
  longTerm: string | undefined;
}

/** Every profile, except those that only hold the long-term keys of another one. */
function profilesOf(files: AwsFiles): ProfilePair[] {
  const pairs = profileNames(files).map((profile) => ({
    profile,
    longTerm: longTermOf(files, profile),
  }));
  const holders = new Set(pairs.map((p) => p.longTerm).filter((l) => l !== undefined));
  return pairs.filter((p) => !holders.has(p.profile));
}

function longTermOf(files: AwsFiles, profile: string): string | undefined {
  try {
    const found = findLongTermKeys(files, profile, undefined).profile;
    return found === profile ? undefined : found;
  } catch {
    return undefined;
  }
}

function profileLine(files: AwsFiles, pair: ProfilePair, environment: OtpLayer): ProfileLine {
  const chain = pair.longTerm ? [pair.profile, pair.longTerm] : [pair.profile];
  const base = {
    profile: pair.profile,
    ...(pair.longTerm ? { longTermProfile: pair.longTerm } : {}),
  };
  try {
    const choice = resolveSource([environment, ...configLayers(files, chain)]);
    const settings: Record<string, ResolvedValue> = {};
    for (const key of [...choice.kind.keys, "timeout" as const]) {
      const value = choice.settings.values[key];
      if (value) settings[settingOf(key).config] = value;
    }
    return { ...base, source: choice.kind.name, from: choice.from, settings };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ...base, settings: {}, error: error.message };
  }
}
