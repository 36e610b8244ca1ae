/**
 * Follows source_profile from a role profile down to the profile whose long-term keys and MFA
 * device make the one MFA session everything rests on. `prod-admin -> prod` is the usual
 * case; `audit -> prod-admin -> prod` is role chaining, which AWS limits to one hour.
 */
import type { AwsFiles } from "../../config/aws-files.ts";
import { UserError } from "../../errors.ts";
import { printableInLine } from "../../system/printable.ts";
import { type RoleConfig, roleConfig } from "./role-config.ts";

export interface RoleChain {
  /** The roles to assume, the profile asked for first, the one nearest the MFA session last. */
  roles: RoleConfig[];
  /** The MFA profile at the bottom of the chain. */
  base: string;
}

/** The chain of a role profile, or undefined when the profile is no role profile. */
export function resolveRoleChain(files: AwsFiles, profile: string): RoleChain | undefined {
  const roles: RoleConfig[] = [];
  const seen = [profile];
  let current = profile;
  for (;;) {
    const role = roleConfig(files, current);
    if (!role) break;
    roles.push(role);
    // The AWS CLI allows a role profile to name itself when it also holds the keys.
    if (role.sourceProfile === current) return { roles, base: current };
    if (seen.includes(role.sourceProfile)) {
      throw new UserError(
        `The source_profile settings go round in a circle: ${[...seen, role.sourceProfile].map(printableInLine).join(" -> ")}.`,
        {
          hint: "The last profile of a chain must hold no role_arn: it is the one whose MFA session assumes the first role.",
        },
      );
    }
    seen.push(role.sourceProfile);
    current = role.sourceProfile;
  }
  return roles.length === 0 ? undefined : { roles, base: current };
}

/** The MFA device named by the roles, nearest the profile asked for first (AWS CLI style). */
export function chainSerial(chain: RoleChain): string | undefined {
  return chain.roles.find((role) => role.mfaSerial !== undefined)?.mfaSerial;
}
