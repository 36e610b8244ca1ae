/**
 * The keys this shell holds: the AWS_* variables of the environment, read one way for every
 * command (status, whoami, logout, login's "keys awsmfa did not set" question, the prompt
 * segment). Login writes them with AWSMFA_EXPIRES beside them (output/variables.ts), which
 * marks them as awsmfa's own and carries the expiry as epoch seconds the prompt hooks can
 * compare with shell arithmetic alone.
 *
 * Read from the environment alone: `awsmfa prompt` runs at every prompt, so this touches no
 * file and loads nothing heavy.
 */
import type { Credentials } from "../aws/credentials.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface KeysInEnv {
  /** AWS_ACCESS_KEY_ID, when set: enough to say the shell has keys of some kind. */
  accessKeyId: string | undefined;
  /** Usable keys: an id and a secret (a token and an expiry when there are). */
  credentials: Credentials | undefined;
  /** AWSMFA_EXPIRES is set: awsmfa put these keys here. */
  setByAwsmfa: boolean;
  /** The keys are a session (awsmfa's, or any with AWS_SESSION_TOKEN), not long-term keys. */
  isSession: boolean;
  /** When the shell's session ends (see sessionExpiryMs). */
  expiration: Date | undefined;
  /** AWS_PROFILE, when set. */
  profile: string | undefined;
}

export function keysInEnv(env: Env): KeysInEnv {
  const accessKeyId = env.AWS_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || undefined;
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  const ms = sessionExpiryMs(env);
  const expiration = ms === undefined ? undefined : new Date(ms);
  const setByAwsmfa = Boolean(env.AWSMFA_EXPIRES);
  return {
    accessKeyId,
    credentials:
      accessKeyId && secretAccessKey
        ? { accessKeyId, secretAccessKey, sessionToken, expiration }
        : undefined,
    setByAwsmfa,
    isSession: setByAwsmfa || sessionToken !== undefined,
    expiration,
    profile: env.AWS_PROFILE || undefined,
  };
}

/**
 * When the shell's session ends (ms since the epoch): AWSMFA_EXPIRES (epoch seconds, as the
 * prompt hooks accept it: 1 to 12 digits, no leading zero), else AWS_CREDENTIAL_EXPIRATION
 * (ISO-8601, set by the AWS CLI's export and by login). Login sets both to the same second;
 * awsmfa's own marker wins when they disagree.
 */
export function sessionExpiryMs(env: Env): number | undefined {
  const epoch = env.AWSMFA_EXPIRES?.trim();
  if (epoch && epoch[0] !== "0" && isWholeNumber(epoch, 12)) return Number(epoch) * 1000;
  const iso = env.AWS_CREDENTIAL_EXPIRATION?.trim();
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

// A plain scan rather than a regular expression: `awsmfa prompt` runs at every shell prompt,
// and Bun's first regular expressions cost the small process about 1.5 MiB.
/** 1 to `most` ASCII digits. */
function isWholeNumber(text: string, most: number): boolean {
  if (text.length > most) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
