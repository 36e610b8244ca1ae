/**
 * Role profiles, read with the AWS CLI's keys: `role_arn` makes a profile a role profile;
 * `source_profile` names the profile whose session assumes it; `mfa_serial`, `external_id`,
 * `role_session_name`, `duration_seconds` and `region` are optional. Checked here, before any
 * code is asked for, so that a typo never costs one.
 */
import { type AwsFiles, hasProfile, profileValue } from "../../config/aws-files.ts";
import { UsageError, UserError } from "../../errors.ts";
import { printableInLine } from "../../system/printable.ts";
import { LONG_TERM_SUFFIXES } from "../long-term.ts";
import { checkSerial } from "../serial-format.ts";

export interface RoleConfig {
  profile: string;
  roleArn: string;
  /** The profile whose session assumes the role: an MFA profile, or another role. */
  sourceProfile: string;
  mfaSerial: string | undefined;
  externalId: string | undefined;
  sessionName: string | undefined;
  durationSeconds: number | undefined;
  region: string | undefined;
  /** endpoint_url of the profile, for the AssumeRole call. */
  endpointUrl: string | undefined;
}

/** AssumeRole's limits for DurationSeconds. */
export const MIN_ROLE_SECONDS = 900;
export const MAX_ROLE_SECONDS = 43_200;

const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

export function isRoleProfile(files: AwsFiles, profile: string): boolean {
  return profileValue(files, profile, "role_arn") !== undefined;
}

/** The role settings of a profile, checked; undefined when it has no role_arn. */
export function roleConfig(files: AwsFiles, profile: string): RoleConfig | undefined {
  const roleArn = profileValue(files, profile, "role_arn")?.trim();
  if (roleArn === undefined) return undefined;
  const where = `profile "${printableInLine(profile)}"`;
  if (!ROLE_ARN.test(roleArn)) {
    throw new UserError(
      `role_arn in ${where} is not an IAM role ARN: "${printableInLine(roleArn)}".`,
      {
        hint: "It looks like arn:aws:iam::123456789012:role/admin (the role's ARN in the IAM console).",
      },
    );
  }
  const sourceProfile = profileValue(files, profile, "source_profile")?.trim();
  if (!sourceProfile) throw missingSource(files, profile);
  if (sourceProfile !== profile && !knownProfile(files, sourceProfile)) {
    throw new UserError(
      `source_profile = "${printableInLine(sourceProfile)}" in ${where} names no profile.`,
      {
        hint: `Set source_profile to the profile whose MFA session assumes the role (the one you use with \`awsmfa login\`). Profiles are read from ${printableInLine(files.paths.config)} and ${printableInLine(files.paths.credentials)}.`,
      },
    );
  }
  const serial = profileValue(files, profile, "mfa_serial");
  return {
    profile,
    roleArn,
    sourceProfile,
    mfaSerial:
      serial === undefined
        ? undefined
        : checkSerial(serial, `mfa_serial in ${printableInLine(profile)}`),
    externalId: checked(
      files,
      profile,
      "external_id",
      EXTERNAL_ID,
      "2 to 1224 of A-Z a-z 0-9 and +=,.@:/-",
    ),
    sessionName: checked(
      files,
      profile,
      "role_session_name",
      SESSION_NAME,
      "2 to 64 of A-Z a-z 0-9 and +=,.@_-",
    ),
    durationSeconds: roleDuration(files, profile),
    region: profileValue(files, profile, "region"),
    endpointUrl: profileValue(files, profile, "endpoint_url"),
  };
}

function knownProfile(files: AwsFiles, name: string): boolean {
  return (
    hasProfile(files, name) || LONG_TERM_SUFFIXES.some((s) => hasProfile(files, `${name}${s}`))
  );
}

function missingSource(files: AwsFiles, profile: string): UserError {
  const credentialSource = profileValue(files, profile, "credential_source");
  if (credentialSource) {
    return new UserError(
      `Profile "${printableInLine(profile)}" gets its role credentials from credential_source = ${printableInLine(credentialSource)}, which awsmfa does not use.`,
      {
        hint: "awsmfa assumes roles with an MFA session: set source_profile to the profile you log in to with awsmfa, instead of credential_source.",
      },
    );
  }
  return new UserError(
    `Profile "${printableInLine(profile)}" has a role_arn but no source_profile.`,
    {
      hint: `Add source_profile = <the profile you log in to with awsmfa> to [profile ${printableInLine(profile)}] in ${printableInLine(files.paths.config)}.`,
    },
  );
}

function checked(
  files: AwsFiles,
  profile: string,
  key: string,
  shape: RegExp,
  allowed: string,
): string | undefined {
  const value = profileValue(files, profile, key)?.trim();
  if (value === undefined || value === "") return undefined;
  if (shape.test(value)) return value;
  throw new UserError(
    `${key} in profile "${printableInLine(profile)}" is not valid: "${printableInLine(value)}".`,
    {
      hint: `AWS accepts ${allowed}.`,
    },
  );
}

function roleDuration(files: AwsFiles, profile: string): number | undefined {
  const text = profileValue(files, profile, "duration_seconds")?.trim();
  if (text === undefined || text === "") return undefined;
  const seconds = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (seconds >= MIN_ROLE_SECONDS && seconds <= MAX_ROLE_SECONDS) return seconds;
  throw new UserError(
    `duration_seconds in profile "${printableInLine(profile)}" is "${printableInLine(text)}".`,
    {
      hint: `A role session lasts ${MIN_ROLE_SECONDS} to ${MAX_ROLE_SECONDS} seconds (15 minutes to 12 hours), and at most what the role's maximum session duration allows (1 hour unless raised).`,
    },
  );
}

/** --role-duration, checked against AssumeRole's limits before any call. */
export function checkRoleDuration(seconds: number, from = "--role-duration"): number {
  if (seconds >= MIN_ROLE_SECONDS && seconds <= MAX_ROLE_SECONDS) return seconds;
  throw new UsageError(
    `${from} must be between 15m (900 s) and 12h (43200 s); ${seconds} s was asked for.`,
    {
      hint: "A role session lasts at most 12h, and only 1h unless the role's maximum session duration was raised.",
    },
  );
}
