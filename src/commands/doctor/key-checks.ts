/**
 * doctor's "Long-term keys" section: keys still in plaintext when a key store is usable here
 * (with the command that moves them), and keys older than 90 days, from ListAccessKeys with the
 * profile's cached MFA session. No session, --offline, or a refusal: the age is skipped quietly
 * (doctor never asks for a code).
 */
import { listAccessKeys } from "../../aws/access-keys.ts";
import { maskKeyId } from "../../aws/credentials.ts";
import type { AwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { pasteableCommand, profileArg } from "../../errors.ts";
import { keychainStore } from "../../keys/keychain.ts";
import { passStore } from "../../keys/pass.ts";
import { readCachedSession, secondsLeft, sessionKey } from "../../session/cache.ts";
import { planLocally } from "../../session/local-plan.ts";
import { printableInLine } from "../../system/printable.ts";
import { keyRows } from "../keys/list.ts";
import { type Finding, ok, warn } from "./finding.ts";
import { mfaProfiles } from "./profiles.ts";

export const KEY_AGE_LIMIT_DAYS = 90;
const DAY_MS = 86_400_000;

export async function checkKeys(
  files: AwsFiles,
  options: { offline: boolean },
  deps: Deps,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const rows = keyRows(files);
  const plaintext = rows.filter((row) => row.store === "credentials-file");
  if (plaintext.length > 0) {
    const better = (await keychainStore.available(deps)).available
      ? "keychain"
      : (await passStore.available(deps)).available
        ? "pass"
        : undefined;
    for (const row of plaintext) {
      if (!better) continue;
      findings.push(
        warn(
          `[${printableInLine(row.profile)}] keeps its long-term keys (${row.accessKeyId}) in plaintext in the credentials file, readable by every program you run; the ${better} key store is available here.`,
          pasteableCommand(
            "awsmfa",
            "keys",
            "move",
            // A name like an option goes last, after --; the usual order otherwise.
            row.profile.startsWith("-")
              ? ["--to", better, ...profileArg(row.profile)]
              : [row.profile, "--to", better],
          ),
        ),
      );
    }
  }
  if (!options.offline) findings.push(...(await oldKeys(files, deps)));
  if (findings.length === 0 && rows.length > 0) {
    findings.push(ok(`${rows.length} profile(s) with long-term keys; nothing to report`));
  }
  return findings;
}

async function oldKeys(files: AwsFiles, deps: Deps): Promise<Finding[]> {
  const findings: Finding[] = [];
  const now = deps.clock.now();
  for (const profile of mfaProfiles(files)) {
    try {
      const plan = planLocally(files, { profile }, deps);
      if (!plan.serial) continue;
      const session = await readCachedSession(deps, sessionKey({ ...plan, serial: plan.serial }));
      if (!session || secondsLeft(session, now) <= 0) continue;
      const keys = await listAccessKeys(session, plan.iam());
      for (const key of keys) {
        if (key.accessKeyId !== plan.longTerm.keyId || !key.createdAt) continue;
        const days = Math.floor((now - key.createdAt.getTime()) / DAY_MS);
        if (days > KEY_AGE_LIMIT_DAYS) {
          findings.push(
            warn(
              `${printableInLine(profile)}: its access key ${maskKeyId(key.accessKeyId)} is ${days} days old (rotate every ${KEY_AGE_LIMIT_DAYS} days).`,
              pasteableCommand("awsmfa", "keys", "rotate", profileArg(profile)),
            ),
          );
        }
      }
    } catch {
      // no permission, no network, a broken profile (reported above): skip quietly
    }
  }
  return findings;
}
