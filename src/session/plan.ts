/**
 * Everything a login needs to know before it asks for a code: whose keys sign the call, which
 * device, which region and endpoints. Resolved once, up front, so the cached path can be
 * answered from files alone and the network path fails before a code is spent.
 */
import { join } from "node:path";
import { type ResolvedRegion, resolveRegion } from "../aws/region.ts";
import type { AwsCallTarget } from "../aws/sts.ts";
import { callTarget } from "../aws/target.ts";
import { type AwsFiles, firstProfileValue, readAwsFiles } from "../config/aws-files.ts";
import { saveProfileSetting } from "../config/save-setting.ts";
import type { Deps } from "../deps.ts";
import { UserError } from "../errors.ts";
import { digest128 } from "../fs/hash.ts";
import { debug } from "../ui/debug.ts";
import { sessionCacheDir } from "./cache.ts";
import { discoverDevice } from "./discover-device.ts";
import { findLongTermKeys, type LongTermKeys } from "./long-term.ts";
import { longTermCredentials } from "./long-term-credentials.ts";
import { withMfaLock } from "./mfa-lock.ts";
import { configuredSerial } from "./mfa-serial.ts";

export interface LoginInputs {
  profile: string;
  longTermProfile?: string | undefined;
  serial?: string | undefined;
  region?: string | undefined;
}

export interface LoginPlan {
  profile: string;
  longTerm: LongTermKeys;
  serial: string;
  region: ResolvedRegion;
  /** The profile's own region, exported as AWS_REGION / AWS_DEFAULT_REGION. */
  profileRegion: string | undefined;
  sts: AwsCallTarget;
  iam: AwsCallTarget;
}

/** The part of the plan that needs no network: undefined serial means "discover it". */
export interface LocalPlan extends Omit<LoginPlan, "serial"> {
  serial: string | undefined;
}

export function planLocally(files: AwsFiles, inputs: LoginInputs, deps: Deps): LocalPlan {
  const longTerm = findLongTermKeys(files, inputs.profile, inputs.longTermProfile);
  const profiles = [inputs.profile, longTerm.profile];
  const serial = configuredSerial(files, profiles, inputs.serial)?.serial;
  const profileRegion = firstProfileValue(files, profiles, "region");
  const region = resolveRegion({
    flag: inputs.region,
    profile: profileRegion,
    env: deps.env,
    arn: serial,
  });
  const endpointUrl = firstProfileValue(files, profiles, "endpoint_url");
  const variants = {
    fips: firstProfileValue(files, profiles, "use_fips_endpoint"),
    dualstack: firstProfileValue(files, profiles, "use_dualstack_endpoint"),
  };
  const target = (service: "sts" | "iam") =>
    callTarget(service, region, { deps, endpointUrl, variants, profile: longTerm.profile });
  return {
    profile: inputs.profile,
    longTerm,
    serial,
    region,
    profileRegion,
    sts: target("sts"),
    iam: target("iam"),
  };
}

/**
 * Completes a local plan by looking the device up with IAM, and remembers what it found.
 * Under a lock per long-term key: of N first-time callers at once, one looks the device up
 * and saves it; the others find it saved when they get the lock (one call, one write, one
 * message).
 */
export async function completePlan(
  local: LocalPlan,
  inputs: LoginInputs,
  deps: Deps,
): Promise<LoginPlan> {
  if (local.serial) return { ...local, serial: local.serial };
  const lockPath = join(sessionCacheDir(deps), `device-${digest128(local.longTerm.keyId)}`);
  return withMfaLock(
    lockPath,
    deps,
    async () => {
      const fresh = await readAwsFiles(deps);
      const saved = planLocally(fresh, inputs, deps);
      if (saved.serial) {
        debug(deps, `mfa_serial of ${local.profile} was saved meanwhile: ${saved.serial}`);
        return { ...saved, serial: saved.serial };
      }
      return discoverAndSave(fresh, local, inputs, deps);
    },
    "Waiting for another awsmfa that is looking up the MFA device of these keys...",
  );
}

async function discoverAndSave(
  files: AwsFiles,
  local: LocalPlan,
  inputs: LoginInputs,
  deps: Deps,
): Promise<LoginPlan> {
  const found = await discoverDevice(
    await longTermCredentials(local.longTerm, deps),
    local.profile,
    local,
    deps,
  );
  deps.io.stderr.write(`${found.note}\n`);
  try {
    await saveProfileSetting(deps, files.paths.config, "config", local.profile, {
      mfa_serial: found.serial,
    });
    deps.io.stderr.write(`Saved mfa_serial for ${local.profile} in ${files.paths.config}\n`);
  } catch (error) {
    // Saving only spares the next login this lookup: a config awsmfa may not write (read-only,
    // managed by other tools) must not stop this one. The file is as it was.
    if (!(error instanceof UserError)) throw error;
    deps.io.stderr.write(
      `Could not save mfa_serial for ${local.profile}: ${error.message}\nTo skip the lookup next time, set mfa_serial = ${found.serial} for the profile in ${files.paths.config}.\n`,
    );
  }
  // The device's ARN pins the partition; resolve the region again with it.
  const again = planLocally(files, { ...inputs, serial: found.serial }, deps);
  return { ...again, serial: found.serial };
}
