/**
 * Finds the MFA device when nothing names it: IAM ListMFADevices for the long-term user.
 * One device is used; several are offered in a list on the terminal; none is an error.
 * FIDO security keys are left out: they make no codes, and AWS takes them in the console only.
 * When the user may not list devices, the usual virtual-device ARN is derived from
 * GetCallerIdentity (arn:PARTITION:iam::ACCOUNT:mfa/USERNAME), and we say so.
 */
import type { Credentials } from "../aws/credentials.ts";
import { isAccessDenied, isNoSuchEntity, listMfaDevices } from "../aws/iam.ts";
import { type AwsCallTarget, getCallerIdentity } from "../aws/sts.ts";
import type { Deps } from "../deps.ts";
import { UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { debug } from "../ui/debug.ts";
import { askSelect, noTerminalError } from "../ui/prompts.ts";
import { questionDeadline } from "../ui/question-deadline.ts";
import { isSecurityKey } from "./serial-format.ts";

export interface Discovered {
  serial: string;
  /** What to tell the user about how it was found. */
  note: string;
}

/** Worked out when called (aws/target.ts lazyTarget): only some ways of finding call each. */
export interface DiscoverTargets {
  iam: () => AwsCallTarget;
  sts: () => AwsCallTarget;
}

export async function discoverDevice(
  credentials: Credentials,
  profile: string,
  targets: DiscoverTargets,
  deps: Deps,
): Promise<Discovered> {
  let devices: Awaited<ReturnType<typeof listMfaDevices>>;
  try {
    devices = await listDevices(credentials, targets, deps);
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    debug(deps, "ListMFADevices: access denied; deriving the device from GetCallerIdentity");
    return deriveFromIdentity(credentials, targets.sts());
  }
  const securityKeys = devices.filter((d) => isSecurityKey(d.serial));
  devices = devices.filter((d) => !isSecurityKey(d.serial));
  if (devices.length === 0 && securityKeys.length > 0) {
    throw new UserError(
      `The IAM user behind ${printableInLine(profile)} has only security keys (FIDO) as MFA devices, and AWS accepts those in the console only, not for session credentials.`,
      {
        hint: "Assign a virtual MFA device (an authenticator app) or a hardware TOTP token in the IAM console (Security credentials > Assign MFA device), then log in again.",
      },
    );
  }
  if (devices.length === 0) {
    throw new UserError(`The IAM user behind ${printableInLine(profile)} has no MFA device.`, {
      hint: "Assign one in the IAM console (Security credentials > Assign MFA device), then log in again; or pass --serial.",
    });
  }
  if (devices.length === 1) {
    return {
      serial: devices[0]!.serial,
      note: `Found MFA device ${printableInLine(devices[0]!.serial)}`,
    };
  }
  const listing = devices.map((d) => `  ${printableInLine(d.serial)}`).join("\n");
  const terminal = deps.terminal();
  if (!terminal) {
    throw noTerminalError(
      `you to choose one of ${devices.length} MFA devices for ${printableInLine(profile)}`,
      `Choose one with --serial, or set mfa_serial for the profile. The devices are:\n${listing}`,
    );
  }
  const serial = await askSelect(
    terminal,
    `Which MFA device should ${printableInLine(profile)} use?`,
    devices.slice(0, 8).map((d) => ({
      name: printableInLine(d.serial),
      value: d.serial,
      ...(d.enabledAt ? { description: `enabled ${d.enabledAt.toISOString().slice(0, 10)}` } : {}),
    })),
    questionDeadline(deps.env),
  );
  return { serial, note: `Using MFA device ${printableInLine(serial)}` };
}

/**
 * ListMFADevices for the caller; where the endpoint cannot tell who "the caller" is
 * (NoSuchEntity), again with the user name GetCallerIdentity gives, as AWS itself would.
 */
async function listDevices(credentials: Credentials, targets: DiscoverTargets, deps: Deps) {
  try {
    return await listMfaDevices(credentials, targets.iam());
  } catch (error) {
    if (!isNoSuchEntity(error)) throw error;
    const identity = await getCallerIdentity(credentials, targets.sts());
    const userName = /:user\/(?:.*\/)?([^/]+)$/.exec(identity.arn)?.[1];
    if (!userName) throw error;
    debug(deps, `ListMFADevices without a user name: no such entity; again as ${userName}`);
    return listMfaDevices(credentials, targets.iam(), userName);
  }
}

async function deriveFromIdentity(
  credentials: Credentials,
  sts: AwsCallTarget,
): Promise<Discovered> {
  const identity = await getCallerIdentity(credentials, sts);
  const match = /^arn:([^:]+):iam::(\d{12}):(user\/(?:.*\/)?([^/]+)|root)$/.exec(identity.arn);
  if (!match) {
    throw new UserError(`Could not work out the MFA device for ${printableInLine(identity.arn)}.`, {
      hint: "Pass --serial, or set mfa_serial for the profile.",
    });
  }
  const [, partition, account, kind, userName] = match;
  const name = kind === "root" ? "root-account-mfa-device" : userName;
  const serial = `arn:${partition}:iam::${account}:mfa/${name}`;
  return {
    serial,
    note: `Not allowed to list MFA devices (iam:ListMFADevices); assuming ${printableInLine(serial)} from your user name. If that is wrong, set mfa_serial for the profile.`,
  };
}
