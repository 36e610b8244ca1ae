/**
 * awsmfa whoami: who AWS thinks the current credentials belong to (STS GetCallerIdentity).
 * Credentials come from --profile if given, else from the AWS_* variables of the shell (what
 * every AWS tool would use), else from AWS_PROFILE or the default profile.
 */
import { Command } from "@commander-js/extra-typings";
import { caCertificates } from "../aws/ca-bundle.ts";
import type { Credentials } from "../aws/credentials.ts";
import { describeEndpoint, endpointOverride } from "../aws/endpoints.ts";
import { proxySetting } from "../aws/proxy-errors.ts";
import { resolveRegion } from "../aws/region.ts";
import { getCallerIdentity } from "../aws/sts.ts";
import { callDeadlineMs } from "../aws/target.ts";
import { hasProfile, profileValue, readAwsFiles } from "../config/aws-files.ts";
import { caBundleValue } from "../config/ca-bundle-value.ts";
import { staticKeys } from "../config/static-keys.ts";
import type { Deps } from "../deps.ts";
import { ExitCode, pasteable, UserError } from "../errors.ts";
import { keysInEnv } from "../session/in-env.ts";
import { printableInLine } from "../system/printable.ts";
import type { CommandContext } from "./context.ts";
import { applyEnv } from "./options/env.ts";
import { profileOption, profileTyped } from "./options/profile.ts";

export interface WhoamiOptions {
  /** Set when the user named a profile (flag or AWS_PROFILE). */
  profile: string | undefined;
  /** True when the profile came from --profile itself, which beats AWS_* keys in the shell. */
  profileFromFlag: boolean;
  region: string | undefined;
  json: boolean;
}

export function whoamiCommand({ deps, state }: CommandContext) {
  return new Command("whoami")
    .description(
      "show the account, ARN and user id of the credentials in use (STS GetCallerIdentity)",
    )
    .addOption(profileOption("profile to use"))
    .option("--region <region>", "region to call STS in")
    .option("--json", "print JSON, as `aws sts get-caller-identity` does", false)
    .action(async (raw, command) => {
      const fromFlag = profileTyped(command);
      applyEnv(command, deps.env);
      const opts = command.opts();
      state.exitCode = await runWhoami(
        { profile: opts.profile, profileFromFlag: fromFlag, region: raw.region, json: opts.json },
        deps,
      );
    });
}

interface Chosen {
  credentials: Credentials;
  /** Where they came from, for people. */
  source: string;
  profile: string | undefined;
}

async function chooseCredentials(
  opts: WhoamiOptions,
  deps: Deps,
  files: Awaited<ReturnType<typeof readAwsFiles>>,
): Promise<Chosen> {
  const fromEnv = keysInEnv(deps.env).credentials;
  if (fromEnv && !opts.profileFromFlag) {
    return {
      credentials: fromEnv,
      source: "the AWS_* variables of this shell",
      profile: undefined,
    };
  }
  const profile = opts.profile ?? "default";
  if (!hasProfile(files, profile)) {
    throw new UserError(`There is no profile named "${printableInLine(profile)}".`, {
      hint: `Profiles are read from ${printableInLine(files.paths.config)} and ${printableInLine(files.paths.credentials)}. \`awsmfa list\` shows them; \`awsmfa configure ${pasteable(profile)}\` creates this one.`,
    });
  }
  const credentials = staticKeys(files, profile);
  if (!credentials) {
    throw new UserError(`Profile "${printableInLine(profile)}" holds no access keys.`, {
      hint: `Log in first (\`awsmfa login ${pasteable(profile)}\`), or add aws_access_key_id and aws_secret_access_key to [${printableInLine(profile)}] in ${printableInLine(files.paths.credentials)}.`,
    });
  }
  return { credentials, source: `profile ${printableInLine(profile)}`, profile };
}

export async function runWhoami(opts: WhoamiOptions, deps: Deps): Promise<number> {
  const files = await readAwsFiles(deps);
  const chosen = await chooseCredentials(opts, deps, files);
  const region = resolveRegion({
    flag: opts.region,
    profile: chosen.profile ? profileValue(files, chosen.profile, "region") : undefined,
    env: deps.env,
  });
  const endpoint = endpointOverride(
    "sts",
    deps.env,
    chosen.profile ? profileValue(files, chosen.profile, "endpoint_url") : undefined,
  );
  const identity = await getCallerIdentity(chosen.credentials, {
    region: region.region,
    partition: region.partition,
    endpoint,
    profile: chosen.profile,
    now: deps.clock.now,
    deadlineMs: callDeadlineMs(deps.env),
    caCertificates: caCertificates(
      deps,
      chosen.profile ? caBundleValue(files, [chosen.profile]) : undefined,
    ),
    proxy: proxySetting(
      deps.env,
      endpoint ?? describeEndpoint("sts", region.region, region.partition.dnsSuffix, undefined),
    ),
  });
  if (opts.json) {
    deps.io.stdout.write(
      `${JSON.stringify({ UserId: identity.userId, Account: identity.account, Arn: identity.arn }, null, 4)}\n`,
    );
  } else {
    deps.io.stdout.write(
      // AWS's answer, one line each (JSON, above, keeps it exact).
      `Account  ${printableInLine(identity.account)}\nARN      ${printableInLine(identity.arn)}\nUserId   ${printableInLine(identity.userId)}\n`,
    );
    deps.io.stderr.write(`(credentials from ${chosen.source})\n`);
  }
  return ExitCode.ok;
}
