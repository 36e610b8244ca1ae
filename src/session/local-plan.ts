/**
 * The part of a login's plan that needs no network: whose keys sign the call, which device (if
 * it is written down), which region and endpoints. Answered from the files alone, so that a
 * cached login can be answered without the code that asks AWS (plan.ts completes it).
 */
import { type ResolvedRegion, resolveRegion } from "../aws/region.ts";
import type { AwsCallTarget } from "../aws/sts.ts";
import { callTarget, lazyTarget } from "../aws/target.ts";
import { type AwsFiles, firstProfileValue } from "../config/aws-files.ts";
import { caBundleValue } from "../config/ca-bundle-value.ts";
import type { Deps } from "../deps.ts";
import { findLongTermKeys, type LongTermKeys } from "./long-term.ts";
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
  /** The calls' targets, worked out when a call is to be made (aws/target.ts lazyTarget). */
  sts: () => AwsCallTarget;
  iam: () => AwsCallTarget;
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
  const caBundle = caBundleValue(files, profiles);
  const target = (service: "sts" | "iam") =>
    callTarget(service, region, {
      deps,
      endpointUrl,
      caBundle,
      variants,
      profile: longTerm.profile,
    });
  return {
    profile: inputs.profile,
    longTerm,
    serial,
    region,
    profileRegion,
    sts: lazyTarget(() => target("sts")),
    iam: lazyTarget(() => target("iam")),
  };
}
