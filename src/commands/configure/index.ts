/**
 * awsmfa configure [PROFILE]: a wizard on the terminal that sets up a profile for MFA logins
 * (long-term keys in [PROFILE-long-term], the device, region and code source in the config).
 * Every question has a flag, so scripts can run it without a terminal. Secrets never come
 * from the command line: `--secret-access-key -` reads the secret from stdin.
 */
import { Command, Option } from "@commander-js/extra-typings";
import type { Deps } from "../../deps.ts";
import { ExitCode, UsageError } from "../../errors.ts";
import { KEY_STORE_NAMES, type KeyStoreName } from "../../keys/store.ts";
import { printableInLine } from "../../system/printable.ts";
import type { CommandContext } from "../context.ts";
import { applyEnv } from "../options/env.ts";
import { chosenProfile, profileOption, profileTyped } from "../options/profile.ts";
import { type ConfigureOptions, runConfigure } from "./run.ts";

export function configureCommand({ deps, state }: CommandContext) {
  return new Command("configure")
    .description("set up a profile for MFA logins: keys, MFA device, region, code source")
    .argument("[profile]", "profile to set up (default: --profile, AWS_PROFILE, else default)")
    .addOption(profileOption("profile to set up"))
    .option(
      "--long-term-profile <name>",
      "where the long-term keys live (default: PROFILE-long-term)",
    )
    .option("--access-key-id <id>", "the IAM user's access key id (AKIA...)")
    .option(
      "--secret-access-key <->",
      "must be -: the secret is read from stdin (never from an argument)",
    )
    .option("--move-keys", "move long-term keys found in [PROFILE] to the long-term profile")
    .option("--no-move-keys", "leave long-term keys found in [PROFILE] where they are")
    .option("--serial <arn>", "MFA device ARN or serial (default: looked up with IAM)")
    .option("--region <region>", "the profile's region")
    .option(
      "--otp-source <source>",
      "where codes come from: prompt, 1password, bitwarden, ykman, pass, command",
    )
    .option("--otp-item <value>", "the item, account, entry or command for --otp-source")
    .addOption(
      new Option(
        "--key-store <store>",
        "where the long-term keys live (default: asked when an OS key store is here, else credentials-file)",
      ).choices(KEY_STORE_NAMES),
    )
    .option("-y, --yes", "replace other long-term keys in the long-term profile", false)
    .action(async (positional, _raw, command) => {
      const profileFlag = profileTyped(command);
      applyEnv(command, deps.env);
      const raw = command.opts();
      state.exitCode = await configure(parseConfigure({ ...raw, positional, profileFlag }), deps);
    });
}

interface RawConfigure {
  positional: string | undefined;
  profile?: string | undefined;
  profileFlag: boolean;
  longTermProfile?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  moveKeys?: boolean | undefined;
  serial?: string | undefined;
  region?: string | undefined;
  otpSource?: string | undefined;
  otpItem?: string | undefined;
  yes?: boolean | undefined;
  keyStore?: KeyStoreName | undefined;
}

export function parseConfigure(raw: RawConfigure): ConfigureOptions {
  const profile = chosenProfile(raw.positional, raw)!;
  if (raw.secretAccessKey !== undefined && raw.secretAccessKey !== "-") {
    throw new UsageError("--secret-access-key takes only -, and reads the secret from stdin.", {
      hint: "A secret on the command line is visible to other users (ps) and kept in shell history. Pipe it in instead; the key given is not used.",
    });
  }
  if (raw.secretAccessKey === "-" && raw.accessKeyId === undefined) {
    throw new UsageError("--secret-access-key needs --access-key-id.", {
      hint: "awsmfa configure prod --access-key-id AKIA... --secret-access-key - < secret.txt",
    });
  }
  if (raw.longTermProfile === profile) {
    throw new UsageError(
      `--long-term-profile must differ from the profile (${printableInLine(profile)}).`,
      {
        hint: `The long-term keys live in their own profile, e.g. ${printableInLine(profile)}-long-term.`,
      },
    );
  }
  return {
    profile,
    longTermProfile: raw.longTermProfile,
    accessKeyId: raw.accessKeyId,
    secretFromStdin: raw.secretAccessKey === "-",
    moveKeys: raw.moveKeys,
    yes: raw.yes === true,
    serial: raw.serial,
    region: raw.region,
    otpSource: raw.otpSource,
    otpItem: raw.otpItem,
    keyStore: raw.keyStore,
  };
}

async function configure(options: ConfigureOptions, deps: Deps): Promise<number> {
  await runConfigure(options, deps);
  return ExitCode.ok;
}
