/**
 * AssumeRole refusals, said in terms of the role profile: AWS answers every trust problem with
 * one generic AccessDenied, so the hint lists what to check.
 */

import { formatDuration } from "../../config/durations.ts";
import { AuthError, UserError } from "../../errors.ts";
import { printableInLine } from "../../system/printable.ts";
import type { RoleStep } from "./role-plan.ts";

export function explainAssumeRoleError(error: unknown, step: RoleStep): unknown {
  if (!(error instanceof UserError)) return error;
  const { role } = step;
  const causeName = (error.cause as { name?: string } | undefined)?.name;
  if (error instanceof AuthError && causeName === "AccessDenied") {
    return new AuthError(
      `AWS did not let the session of "${printableInLine(step.source)}" assume ${printableInLine(role.roleArn)} (profile "${printableInLine(role.profile)}").`,
      {
        hint: [
          `Check role_arn${role.externalId ? " and external_id" : ""} in [profile ${printableInLine(role.profile)}].`,
          "The role's trust policy must allow your IAM user (an MFA session counts as MFA),",
          "and needs the right external_id when it asks for one. Ask the role's administrator if all of that looks right.",
        ].join("\n"),
        cause: error.cause,
      },
    );
  }
  if (/MaxSessionDuration/i.test(error.message)) {
    return new UserError(
      `The role of profile "${printableInLine(role.profile)}" allows shorter sessions than the ${formatDuration(step.durationSeconds)} asked for.`,
      {
        hint: `Lower duration_seconds in [profile ${printableInLine(role.profile)}] (or pass --role-duration): a role allows 1 hour unless an administrator raised its maximum session duration.`,
        cause: error.cause,
      },
    );
  }
  return error;
}
