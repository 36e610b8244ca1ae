/** --role-duration [env: AWSMFA_ROLE_DURATION]: the length of a role session. */

import { parseDuration } from "../../config/durations.ts";
import { checkRoleDuration } from "../../session/roles/role-config.ts";
import { envOption } from "./env.ts";

export function roleDurationOption() {
  return envOption(
    "--role-duration <time>",
    "role profiles: length of the role session (default: duration_seconds of the profile, else 1h)",
    "AWSMFA_ROLE_DURATION",
  );
}

export function parseRoleDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return checkRoleDuration(parseDuration(text, "--role-duration"));
}
