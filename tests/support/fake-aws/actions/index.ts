/** Every action the fake answers, by its Query-protocol Action name. */
import { createAccessKey, deleteAccessKey, listAccessKeys } from "./access-keys.ts";
import { assumeRole } from "./assume-role.ts";
import type { ActionSpec } from "./context.ts";
import { getCallerIdentity } from "./get-caller-identity.ts";
import { getSessionToken } from "./get-session-token.ts";
import { listMfaDevices } from "./list-mfa-devices.ts";

export const ACTIONS: Readonly<Record<string, ActionSpec>> = {
  GetSessionToken: getSessionToken,
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  ListMFADevices: listMfaDevices,
  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  DeleteAccessKey: deleteAccessKey,
};

export function actionSpec(action: string | undefined): ActionSpec | undefined {
  return action !== undefined && Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
}
