/** --role-duration [env: AWSMFA_ROLE_DURATION]: the length of a role session. */
import { envOption } from "../cli-env.ts";
import { parseDuration } from "../session/duration.ts";
import { checkRoleDuration } from "./role-config.ts";

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
