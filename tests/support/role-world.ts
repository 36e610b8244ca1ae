/**
 * Role profiles for e2e tests: fake roles in the user's account and `[profile NAME]` sections
 * with role_arn and source_profile (plus any other keys) appended to the sandbox's config.
 */
import type { FakeAws, FakeRole, RecordedCall } from "./fake-aws.ts";
import type { LoginUser } from "./login-world.ts";

export interface RoleProfile {
  /** The profile name, e.g. "prod-admin". */
  profile: string;
  /** Default: "prod". */
  source?: string;
  requireMfa?: boolean;
  externalId?: string;
  maxSessionDuration?: number;
  /** More keys for the profile section (external_id, duration_seconds, region...). */
  keys?: Record<string, string>;
}

/** Adds one fake role per entry and its profile; returns the roles in the same order. */
export function addRoleProfiles(
  aws: FakeAws,
  login: LoginUser,
  profiles: readonly RoleProfile[],
): FakeRole[] {
  const roles = profiles.map((p) =>
    aws.addRole({
      account: login.user.account,
      partition: login.user.partition,
      name: `${p.profile}-${login.user.name}`,
      requireMfa: p.requireMfa ?? true,
      ...(p.externalId !== undefined ? { externalId: p.externalId } : {}),
      ...(p.maxSessionDuration !== undefined ? { maxSessionDuration: p.maxSessionDuration } : {}),
    }),
  );
  const sections = profiles.map((p, i) =>
    [
      `[profile ${p.profile}]`,
      `role_arn = ${roles[i]!.arn}`,
      `source_profile = ${p.source ?? "prod"}`,
      ...Object.entries(p.keys ?? {}).map(([k, v]) => `${k} = ${v}`),
      "",
    ].join("\n"),
  );
  login.sandbox.writeConfig(`${login.sandbox.readConfig()}\n${sections.join("\n")}`);
  return roles;
}

/** The calls this user's keys, or any session made from them, sent: by the user's account. */
export function callsOf(aws: FakeAws, login: LoginUser, action: string): RecordedCall[] {
  const mine = new Set(
    aws
      .state()
      .roles.filter((r) => r.account === login.user.account)
      .map((r) => r.arn),
  );
  return aws.calls.filter(
    (c) =>
      c.action === action &&
      (c.accessKeyId === login.user.accessKeyId ||
        (c.params.RoleArn !== undefined && mine.has(c.params.RoleArn))),
  );
}
