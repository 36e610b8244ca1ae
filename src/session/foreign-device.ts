/**
 * When AWS says the MFA device is not associated with the user whose keys signed the call, the
 * usual cause is a saved mfa_serial that outlived a change of long-term keys (another user, or
 * another account). GetCallerIdentity of the same keys tells whose keys they are, so the
 * message can say which side is whose and what to change, instead of only "not associated".
 */
import type { Credentials } from "../aws/credentials.ts";
import { getCallerIdentity } from "../aws/sts.ts";
import { AuthError, pasteable, type UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import type { LoginPlan } from "./local-plan.ts";

const DEVICE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):(?:mfa|u2f)\/(?:.*\/)?([^/]+)$/;
const USER_ARN = /^arn:aws[\w-]*:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/;

export function isForeignDeviceError(error: unknown): error is UserError {
  return error instanceof AuthError && /is not associated with the user/.test(error.message);
}

/** A clearer error naming the device's account/name and the keys' user; else `error` itself. */
export async function explainForeignDevice(
  plan: LoginPlan,
  credentials: Credentials,
  error: UserError,
): Promise<UserError> {
  const device = DEVICE_ARN.exec(plan.serial);
  if (!device) return error;
  const identity = await getCallerIdentity(credentials, plan.sts()).catch(() => undefined);
  if (!identity) return error;
  const [, deviceAccount, deviceName] = device;
  const user = USER_ARN.exec(identity.arn)?.[2];
  const keys = user
    ? `user ${printableInLine(user)} of account ${printableInLine(identity.account)}`
    : `${printableInLine(identity.arn)} (account ${printableInLine(identity.account)})`;
  const otherAccount = deviceAccount !== identity.account;
  // Same account, same name: nothing to add to AWS's own answer.
  if (!otherAccount && user !== undefined && deviceName === user) return error;
  const where = otherAccount
    ? `is in account ${printableInLine(deviceAccount ?? "")}, but the long-term keys of profile ${printableInLine(plan.longTerm.profile)} are those of ${keys}`
    : `is named ${printableInLine(deviceName ?? "")}, but the long-term keys of profile ${printableInLine(plan.longTerm.profile)} are those of ${keys}; it may belong to another user`;
  return new AuthError(
    `The MFA device ${printableInLine(plan.serial)} ${where}. AWS did not accept it for these keys (were the keys or mfa_serial changed?).`,
    {
      hint: `Remove mfa_serial from profile ${printableInLine(plan.profile)} (awsmfa then looks up the device of the keys' user and saves it), or set it to that user's device: \`aws iam list-mfa-devices --profile ${pasteable(plan.longTerm.profile)}\` lists them. Or use the long-term keys of the user the device belongs to.`,
      cause: error,
    },
  );
}
