/**
 * The configure wizard from start to end: keys, verified with GetCallerIdentity before
 * anything is written; the MFA device; the region; the code source; then the writes, each a
 * minimal, locked, atomic edit (credentials first, so a failure never leaves config pointing
 * at keys that are not there); and the command to log in with.
 */
import { maskKeyId } from "../../aws/credentials.ts";
import { partitionOfArn } from "../../aws/partition.ts";
import { resolveRegion } from "../../aws/region.ts";
import { getCallerIdentity } from "../../aws/sts.ts";
import { callTarget, lazyTarget } from "../../aws/target.ts";
import {
  type AwsFiles,
  firstProfileValue,
  profileValue,
  readAwsFiles,
} from "../../config/aws-files.ts";
import { caBundleValue } from "../../config/ca-bundle-value.ts";
import { saveProfileSetting } from "../../config/save-setting.ts";
import type { Deps } from "../../deps.ts";
import type { KeyStoreName } from "../../keys/store.ts";
import { quoteForUser } from "../../output/mode.ts";
import { LONG_TERM_SUFFIXES } from "../../session/long-term.ts";
import { configuredSerial } from "../../session/mfa-serial.ts";
import { printableInLine } from "../../system/printable.ts";
import { stderrStyle } from "../../ui/report.ts";
import { loginCommandFor } from "../login-command.ts";
import { chooseKeys, type KeyAnswers, type KeyPlan } from "./choose-keys.ts";
import { availableStore, chooseKeyStore, storeKeys } from "./key-store.ts";
import {
  type CodeSourceChoice,
  checkFlagsFirst,
  chooseCodeSource,
  chooseDevice,
  chooseRegion,
} from "./questions.ts";
import { moveLongTermKeys, saveLongTermKeys } from "./write-keys.ts";

export interface ConfigureOptions extends KeyAnswers {
  serial: string | undefined;
  region: string | undefined;
  otpSource: string | undefined;
  otpItem: string | undefined;
  /** --key-store; undefined: ask when an OS key store is here, else the credentials file. */
  keyStore?: KeyStoreName | undefined;
}

export async function runConfigure(options: ConfigureOptions, deps: Deps): Promise<void> {
  const files = await readAwsFiles(deps);
  const { profile } = options;
  const say = (line: string) => deps.io.stderr.write(`${line}\n`);
  // What can be refused without the keys is refused before they are asked for.
  checkFlagsFirst(options);
  if (options.keyStore !== undefined && options.keyStore !== "credentials-file") {
    await availableStore(options.keyStore, deps);
  }
  const plan = await chooseKeys(files, options, deps);
  const pair = plan.target === profile ? [profile] : [profile, plan.target];
  const currentRegion = firstProfileValue(files, pair, "region");
  const resolved = resolveRegion({
    flag: options.region,
    profile: currentRegion,
    env: deps.env,
    arn: options.serial,
  });
  const endpointUrl = firstProfileValue(files, pair, "endpoint_url");
  const target = (service: "sts" | "iam") =>
    callTarget(service, resolved, {
      deps,
      endpointUrl,
      caBundle: caBundleValue(files, pair),
      profile: plan.target,
    });
  const identity = await getCallerIdentity(plan.keys, target("sts"));
  say(
    `${stderrStyle(deps).green("✓")} The keys ${maskKeyId(plan.keys.accessKeyId)} belong to ${printableInLine(identity.arn)}`,
  );
  const configured = currentSerial(files, pair);
  const serial = await chooseDevice(
    options.serial,
    configured,
    plan.keys,
    profile,
    { iam: lazyTarget(() => target("iam")), sts: lazyTarget(() => target("sts")) },
    deps,
  );
  const suggested = partitionOfArn(serial)?.defaultRegion ?? resolved.region;
  const region = await chooseRegion(options.region, currentRegion, suggested, profile, deps);
  const code = await chooseCodeSource(
    { source: options.otpSource, item: options.otpItem },
    {
      source: profileValue(files, profile, "awsmfa_otp_source"),
      item: (key) => profileValue(files, profile, key),
    },
    profile,
    deps,
  );
  const store = await chooseKeyStore(options.keyStore, files, plan.target, deps);
  if (store === "credentials-file" || plan.kind !== "new") await saveKeys(plan, files, deps, say);
  await storeKeys(store, plan, files, deps, say);
  const settings = {
    ...(serial !== configured ? { mfa_serial: serial } : {}),
    ...(region && region !== currentRegion ? { region } : {}),
    ...codeSettings(code, files, profile),
    ...longTermSetting(plan, files, profile),
  };
  const keys = Object.keys(settings);
  if (keys.length > 0) {
    await saveProfileSetting(deps, files.paths.config, "config", profile, settings);
    say(
      `Saved ${keys.join(", ")} for ${printableInLine(profile)} in ${printableInLine(files.paths.config)}`,
    );
  }
  say(
    `${printableInLine(profile)} is set up. Log in with: ${loginCommandFor(profile, quoteForUser(deps.env))}`,
  );
}

async function saveKeys(
  plan: KeyPlan,
  files: AwsFiles,
  deps: Deps,
  say: (line: string) => void,
): Promise<void> {
  const path = files.paths.credentials;
  const shown = maskKeyId(plan.keys.accessKeyId);
  if (plan.kind === "new") {
    await saveLongTermKeys(path, plan.target, plan.keys, plan.replaces, deps);
    say(`Saved the keys ${shown} in [${printableInLine(plan.target)}] of ${printableInLine(path)}`);
  } else if (plan.kind === "move") {
    await moveLongTermKeys(path, plan.from, plan.target, deps);
    say(
      `Moved the keys ${shown} from [${printableInLine(plan.from)}] to [${printableInLine(plan.target)}] in ${printableInLine(path)}`,
    );
  }
}

function codeSettings(
  code: CodeSourceChoice | undefined,
  files: AwsFiles,
  profile: string,
): Record<string, string> {
  if (!code) return {};
  const current = profileValue(files, profile, "awsmfa_otp_source");
  const settings: Record<string, string> = {};
  if (code.source !== (current ?? "prompt")) settings.awsmfa_otp_source = code.source;
  if (code.item && profileValue(files, profile, code.item.key) !== code.item.value) {
    settings[code.item.key] = code.item.value;
  }
  return settings;
}

/** awsmfa_long_term_profile, when login would not find the keys by their name alone. */
function longTermSetting(plan: KeyPlan, files: AwsFiles, profile: string): Record<string, string> {
  if (plan.target === profile) return {};
  if (LONG_TERM_SUFFIXES.some((suffix) => `${profile}${suffix}` === plan.target)) return {};
  if (profileValue(files, profile, "awsmfa_long_term_profile") === plan.target) return {};
  return { awsmfa_long_term_profile: plan.target };
}

function currentSerial(files: AwsFiles, profiles: readonly string[]): string | undefined {
  try {
    return configuredSerial(files, profiles, undefined)?.serial;
  } catch {
    return undefined; // a malformed serial is replaced by the one chosen now
  }
}
