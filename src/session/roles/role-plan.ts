/**
 * What each AssumeRole of a chain will ask for, decided before any call: the session name,
 * the duration (capped at one hour for role chaining, and said so), the region and endpoint,
 * and that every role lies in the partition of the MFA session. Pure.
 */
import type { CaCertificates } from "../../aws/ca-bundle.ts";
import { callUrl, endpointOverride, endpointVariants } from "../../aws/endpoints.ts";
import { type Partition, partitionOfArn } from "../../aws/partition.ts";
import { proxySetting } from "../../aws/proxy-errors.ts";
import { resolveRegion } from "../../aws/region.ts";
import type { AwsCallTarget } from "../../aws/sts.ts";
import { callDeadlineMs, lazyTarget } from "../../aws/target.ts";
import { formatDuration, ROLE_CHAIN_MAX_SECONDS } from "../../config/durations.ts";
import { UserError } from "../../errors.ts";
import { printableInLine } from "../../system/printable.ts";
import type { RoleChain } from "./role-chain.ts";
import type { RoleConfig } from "./role-config.ts";

export const DEFAULT_ROLE_SECONDS = 3600;

export interface RoleStep {
  role: RoleConfig;
  /** The profile whose session assumes this role. */
  source: string;
  sessionName: string;
  durationSeconds: number;
  /** True when the source is itself a role session (role chaining). */
  chained: boolean;
  /** Where its AssumeRole goes, worked out when it is called (aws/target.ts lazyTarget). */
  target: () => AwsCallTarget;
  /** What to say on stderr just before the call (the chaining cap, a region choice). */
  notes: string[];
}

export interface RolePlanInputs {
  chain: RoleChain;
  /** The MFA device of the session at the bottom of the chain. */
  baseSerial: string;
  basePartition: Partition;
  /** endpoint_url of the base profile, when a role profile sets none. */
  baseEndpointUrl: string | undefined;
  /** --region */
  region: string | undefined;
  /** --role-duration, for the role asked for (the first of the chain). */
  roleDurationSeconds: number | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** AWS_CA_BUNDLE or the ca_bundle in effect (aws/ca-bundle.ts), for every step. */
  caCertificates?: CaCertificates | undefined;
  now: () => number;
  /** The --debug trace of AWS requests, if on. */
  trace?: ((line: string) => void) | undefined;
}

/** The steps in the order they are called: the role nearest the MFA session first. */
export function planRoleSteps(inputs: RolePlanInputs): RoleStep[] {
  const { roles } = inputs.chain;
  const steps: RoleStep[] = [];
  for (let i = roles.length - 1; i >= 0; i--) {
    const role = roles[i]!;
    const chained = i < roles.length - 1;
    const source = chained ? roles[i + 1]!.profile : inputs.chain.base;
    checkPartition(role, inputs.basePartition, inputs.chain.base);
    const requested =
      (i === 0 ? inputs.roleDurationSeconds : undefined) ??
      role.durationSeconds ??
      DEFAULT_ROLE_SECONDS;
    const notes: string[] = [];
    let durationSeconds = requested;
    if (chained && requested > ROLE_CHAIN_MAX_SECONDS) {
      durationSeconds = ROLE_CHAIN_MAX_SECONDS;
      notes.push(
        `Note: "${printableInLine(role.profile)}" is assumed with the role session of "${printableInLine(source)}" (role chaining), which AWS limits to 1 hour; asking for 1h instead of ${formatDuration(requested)}.`,
      );
    }
    const region = resolveRegion({
      flag: inputs.region,
      profile: role.region,
      env: inputs.env,
      arn: role.roleArn,
    });
    if (region.note) notes.push(region.note);
    steps.push({
      role,
      source,
      sessionName: role.sessionName ?? defaultSessionName(inputs.baseSerial, inputs.env),
      durationSeconds,
      chained,
      // Worked out for the call only: a cached role session makes none (aws/target.ts).
      target: lazyTarget(() => {
        const endpoint = endpointOverride(
          "sts",
          inputs.env,
          role.endpointUrl ?? inputs.baseEndpointUrl,
        );
        const variants = endpointVariants(inputs.env);
        return {
          region: region.region,
          partition: region.partition,
          endpoint,
          ...variants,
          profile: source,
          now: inputs.now,
          trace: inputs.trace,
          deadlineMs: callDeadlineMs(inputs.env),
          caCertificates: inputs.caCertificates,
          proxy: proxySetting(
            inputs.env,
            callUrl("sts", region.region, region.partition.id, endpoint, variants),
          ),
        };
      }),
      notes,
    });
  }
  return steps;
}

/**
 * awsmfa-<IAM user name> when the device is a virtual one named after its user (the usual
 * case), else awsmfa-<login name>: what CloudTrail shows as the session of the role.
 */
export function defaultSessionName(
  serial: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const deviceName = /^arn:[^:]+:iam::\d{12}:(?:mfa|u2f)\/(?:.*\/)?([^/]+)$/.exec(serial)?.[1];
  const who = deviceName ?? env.USER ?? env.USERNAME ?? env.LOGNAME ?? "session";
  return `awsmfa-${who}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

function checkPartition(role: RoleConfig, base: Partition, baseProfile: string): void {
  const partition = partitionOfArn(role.roleArn);
  if (!partition || partition.id === base.id) return;
  throw new UserError(
    `The role of profile "${printableInLine(role.profile)}" is in ${partition.name} (${partition.id}), but the MFA session of "${printableInLine(baseProfile)}" is in ${base.name} (${base.id}).`,
    {
      hint: "A session can only assume roles in its own partition: point source_profile at a profile of that partition, or check role_arn.",
    },
  );
}
