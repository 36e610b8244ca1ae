/**
 * Completes a login's plan (local-plan.ts) when the MFA device is not written down: looks it
 * up with IAM under a lock per long-term key, and saves it for the next login.
 */
import { join } from "node:path";
import { type AwsFiles, readAwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { UserError } from "../errors.ts";
import { digest128 } from "../fs/hash.ts";
import { printableInLine, textInLine } from "../system/printable.ts";
import { debug } from "../ui/debug.ts";
import { sessionCacheDir } from "./cache.ts";
import { deviceHoldMs } from "./hold-budget.ts";
import { type LocalPlan, type LoginInputs, type LoginPlan, planLocally } from "./local-plan.ts";
import { longTermCredentials } from "./long-term-credentials.ts";
import { withMfaLock } from "./mfa-lock.ts";

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
        debug(
          deps,
          `mfa_serial of ${printableInLine(local.profile)} was saved meanwhile: ${saved.serial}`,
        );
        return { ...saved, serial: saved.serial };
      }
      return discoverAndSave(fresh, local, inputs, deps);
    },
    "Waiting for another awsmfa that is looking up the MFA device of these keys...",
    deviceHoldMs(local.longTerm, deps.env),
  );
}

async function discoverAndSave(
  files: AwsFiles,
  local: LocalPlan,
  inputs: LoginInputs,
  deps: Deps,
): Promise<LoginPlan> {
  // Loaded when a device is to be looked up: a login whose device is written down needs none.
  const [{ discoverDevice }, { saveProfileSetting }] = await Promise.all([
    import("./discover-device.ts"),
    import("../config/save-setting.ts"),
  ]);
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
    deps.io.stderr.write(
      `Saved mfa_serial for ${printableInLine(local.profile)} in ${printableInLine(files.paths.config)}\n`,
    );
  } catch (error) {
    // Saving only spares the next login this lookup: a config awsmfa may not write (read-only,
    // managed by other tools) must not stop this one. The file is as it was.
    if (!(error instanceof UserError)) throw error;
    deps.io.stderr.write(
      `Could not save mfa_serial for ${printableInLine(local.profile)}: ${textInLine(error.message)}\nTo skip the lookup next time, set mfa_serial = ${printableInLine(found.serial)} for the profile in ${printableInLine(files.paths.config)}.\n`,
    );
  }
  // The device's ARN pins the partition; resolve the region again with it.
  const again = planLocally(files, { ...inputs, serial: found.serial }, deps);
  return { ...again, serial: found.serial };
}
