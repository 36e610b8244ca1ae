/**
 * A session for a role profile: the MFA session of the profile at the bottom of the chain (got
 * or reused exactly as `awsmfa login` does, so every role on one source shares one code), then
 * one AssumeRole per role of the chain. The role asked for is cached, so a second login is
 * answered from two small files, with no SDK, like a plain one.
 */

import { dirname } from "node:path";
import { caCertificates } from "../../aws/ca-bundle.ts";
import { CALL_DEADLINE_MS } from "../../aws/clients.ts";
import type { SessionCredentials } from "../../aws/credentials.ts";
import { type Partition, partitionOfArn } from "../../aws/partition.ts";
import { assumeRole } from "../../aws/sts.ts";
import { checkCall } from "../../aws/target.ts";
import { type AwsFiles, profileValue } from "../../config/aws-files.ts";
import { caBundleValue } from "../../config/ca-bundle-value.ts";
import { checkCacheFolder } from "../../config/cache-folder.ts";
import type { Deps } from "../../deps.ts";
import { fileOptionsFrom, withFileLock } from "../../fs/index.ts";
import { debug, debugEnabled } from "../../ui/debug.ts";
import { stillGood } from "../cache.ts";
import { type LocalPlan, planLocally } from "../local-plan.ts";
import { newSessionLineSetUp, noteClock } from "../messages.ts";
import type { SessionRequest, SessionResult } from "../request.ts";
import { explainAssumeRoleError } from "./assume-errors.ts";
import {
  mfaPrincipal,
  type RoleKey,
  readCachedRole,
  roleCachePath,
  rolePrincipal,
  writeCachedRole,
} from "./role-cache.ts";
import { chainSerial, type RoleChain } from "./role-chain.ts";
import { planRoleSteps, type RoleStep } from "./role-plan.ts";

/** Gets the MFA session of a plain profile: getSession's own path, passed in to avoid a cycle. */
export type MfaSessionGetter = (
  files: AwsFiles,
  request: SessionRequest,
  deps: Deps,
) => Promise<SessionResult>;

/**
 * A session used only to call AssumeRole needs to be valid for the call, not for long: the
 * role session it makes does not end with it.
 */
export const SOURCE_MIN_REMAINING_SECONDS = 60;

/**
 * Concurrent callers of one role wait for the first one's AssumeRole: 30 s at least, and as
 * long as its call may take (AWSMFA_AWS_TIMEOUT, up to 600 s: the holder writes it in the
 * lock), so that a waiter does not give up on a holder still within its deadline.
 */
const ROLE_LOCK = { timeoutMs: 30_000, staleMs: 60_000, maxWaitMs: 11 * 60_000 };

export async function getRoleSession(
  files: AwsFiles,
  chain: RoleChain,
  request: SessionRequest,
  deps: Deps,
  mfaSession: MfaSessionGetter,
): Promise<SessionResult> {
  const serialFromRoles = request.serial ?? chainSerial(chain);
  const outer = chain.roles[0]!;
  // As for MFA profiles: outside the commercial partition the shell needs a region of it.
  const partition = partitionOfArn(outer.roleArn);
  const fallback = partition && partition.id !== "aws" ? partition.defaultRegion : undefined;
  const context = { profile: request.profile, region: outer.region ?? fallback };
  const info = (steps: RoleStep[], base: SessionResult | undefined) => ({
    roleArn: outer.roleArn,
    sourceProfile: steps.at(-1)!.source,
    baseProfile: chain.base,
    chained: steps.at(-1)!.chained,
    base,
  });

  // The cached path: files only. It needs the device to be known to name the cache entry.
  const cachedPath = planCachedRole(files, chain, request, deps);
  if (cachedPath.key && !request.force) {
    const cached = await reusableRole(cachedPath.key, request.minRemainingSeconds, deps);
    debug(deps, cached ? "role session cache: hit" : "role session cache: miss");
    if (cached) {
      const { local, steps } = cachedPath;
      return { session: cached, reused: true, context, plan: local, role: info(steps, undefined) };
    }
  }
  // AssumeRole will be called: its settings (endpoint, proxy, CA bundle) are checked before
  // the MFA session's code is asked for, as a plain login checks GetSessionToken's.
  // While the device is unknown the cached path has no steps; the targets do not depend on the
  // device, so they are worked out without one (else a role's bad setting was found only after
  // the device lookup and the code), against the partition its roles are in: the base's
  // comes from the device.
  const toCheck =
    cachedPath.steps.length > 0
      ? cachedPath.steps
      : stepsFor(files, chain, request, "", rolesPartition(chain, cachedPath.local), deps);
  for (const step of toCheck) await checkCall(step.target);

  const base = await mfaSession(
    files,
    {
      ...request,
      profile: chain.base,
      serial: serialFromRoles,
      minRemainingSeconds: SOURCE_MIN_REMAINING_SECONDS,
      force: false,
    },
    deps,
  );
  const serial = base.plan.serial ?? serialFromRoles ?? "";
  const steps = stepsFor(files, chain, request, serial, base.plan.region.partition, deps);
  const keys = roleKeys(mfaPrincipal(base.plan.longTerm.keyId, serial), steps);
  let session = base.session;
  let reused = base.reused;
  for (const [i, step] of steps.entries()) {
    const last = i === steps.length - 1;
    const got = await assumeOrReuse(step, keys[i]!, session, deps, {
      force: request.force,
      minRemainingSeconds: last ? request.minRemainingSeconds : SOURCE_MIN_REMAINING_SECONDS,
    });
    session = got.session;
    reused = got.reused;
  }
  return { session, reused, context, plan: base.plan, role: info(steps, base) };
}

type RoleInputs = Pick<
  SessionRequest,
  "longTermProfile" | "serial" | "region" | "roleDurationSeconds"
>;

/**
 * What the cached path of a role login reads, from the files alone: the local plan of the MFA
 * profile at the bottom of the chain, the steps, and the cache key of the role asked for
 * (undefined while the device is unknown). logout and status find the same entry with it.
 */
export function planCachedRole(
  files: AwsFiles,
  chain: RoleChain,
  request: RoleInputs,
  deps: Deps,
): { local: LocalPlan; steps: RoleStep[]; key: RoleKey | undefined } {
  const local = planLocally(
    files,
    {
      profile: chain.base,
      longTermProfile: request.longTermProfile,
      serial: request.serial ?? chainSerial(chain),
      region: request.region,
    },
    deps,
  );
  if (!local.serial) return { local, steps: [], key: undefined };
  const steps = stepsFor(files, chain, request, local.serial, local.region.partition, deps);
  const keys = roleKeys(mfaPrincipal(local.longTerm.keyId, local.serial), steps);
  return { local, steps, key: keys.at(-1) };
}

/** The partition of the role assumed with the MFA session, else the local plan's. */
function rolesPartition(chain: RoleChain, local: LocalPlan): Partition {
  return partitionOfArn(chain.roles.at(-1)?.roleArn ?? "") ?? local.region.partition;
}

function stepsFor(
  files: AwsFiles,
  chain: RoleChain,
  request: RoleInputs,
  serial: string,
  basePartition: Partition,
  deps: Deps,
): RoleStep[] {
  return planRoleSteps({
    chain,
    baseSerial: serial,
    basePartition,
    baseEndpointUrl: profileValue(files, chain.base, "endpoint_url"),
    region: request.region,
    roleDurationSeconds: request.roleDurationSeconds,
    env: deps.env,
    // The asked role's ca_bundle, else its base profile's (AWS_CA_BUNDLE beats both).
    caCertificates: caCertificates(
      deps,
      caBundleValue(files, [chain.roles[0]?.profile ?? chain.base, chain.base]),
    ),
    now: deps.clock.now,
    trace: debugEnabled(deps.env) ? (line) => debug(deps, `sts: ${line}`) : undefined,
  });
}

/** The cache key of every step, in call order. */
function roleKeys(basePrincipal: string, steps: readonly RoleStep[]): RoleKey[] {
  const keys: RoleKey[] = [];
  let parent = basePrincipal;
  for (const step of steps) {
    const principal = rolePrincipal(parent, {
      roleArn: step.role.roleArn,
      externalId: step.role.externalId,
      sessionName: step.sessionName,
    });
    keys.push({ principal, roleArn: step.role.roleArn });
    parent = principal;
  }
  return keys;
}

async function reusableRole(
  key: RoleKey,
  minRemainingSeconds: number,
  deps: Deps,
): Promise<SessionCredentials | undefined> {
  return stillGood(await readCachedRole(deps, key), minRemainingSeconds, deps.clock.now());
}

/**
 * Reuses the cached role session or assumes the role, under a lock per cache entry, so that
 * many processes asking at once (terraform's SDK clients) make one AssumeRole call.
 */
async function assumeOrReuse(
  step: RoleStep,
  key: RoleKey,
  source: SessionCredentials,
  deps: Deps,
  options: { force: boolean; minRemainingSeconds: number },
): Promise<{ session: SessionCredentials; reused: boolean }> {
  const reuse = async () =>
    options.force ? undefined : reusableRole(key, options.minRemainingSeconds, deps);
  const before = await reuse();
  if (before) return { session: before, reused: true };
  const path = roleCachePath(deps, key);
  await checkCacheFolder(deps, dirname(path), true);
  return withFileLock(
    deps.fs,
    path,
    async () => {
      // Another process may have assumed the role while this one waited for the lock.
      const meanwhile = await reuse();
      if (meanwhile) return { session: meanwhile, reused: true };
      for (const note of step.notes) deps.io.stderr.write(`${note}\n`);
      let session: SessionCredentials;
      try {
        session = await assumeRole(
          source,
          {
            roleArn: step.role.roleArn,
            sessionName: step.sessionName,
            durationSeconds: step.durationSeconds,
            externalId: step.role.externalId,
          },
          // The success line's time-zone set-up while AWS answers (session/obtain.ts).
          { ...step.target(), whileWaiting: newSessionLineSetUp(deps) },
        );
      } catch (error) {
        throw explainAssumeRoleError(error, step);
      }
      noteClock(session, deps);
      await writeCachedRole(deps, key, step.role.profile, session);
      return { session, reused: false };
    },
    // A signal while AWS answers releases the lock rather than dying with it held.
    {
      ...fileOptionsFrom(deps),
      ...ROLE_LOCK,
      holdForMs: step.target().deadlineMs ?? CALL_DEADLINE_MS,
      private: true,
      releaseOnInterrupt: true,
    },
  );
}
