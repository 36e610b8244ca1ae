/** How AWS names a principal: the ARN in messages and GetCallerIdentity, and its UserId. */
import type { Caller, Identity } from "./types.ts";

export function identityArn(identity: Identity): string {
  if (identity.kind === "user") return identity.user.arn;
  const { role, sessionName } = identity;
  return `arn:${role.partition}:sts::${role.account}:assumed-role/${role.name}/${sessionName}`;
}

export function identityUserId(identity: Identity): string {
  if (identity.kind === "user") return identity.user.userId;
  return `${identity.role.roleId}:${identity.sessionName}`;
}

export function identityAccount(identity: Identity): string {
  return identity.kind === "user" ? identity.user.account : identity.role.account;
}

export function isRoleSession(caller: Caller): boolean {
  return caller.identity.kind === "role";
}
