/**
 * The two lines the prompt hooks print, as printf formats shared by every shell. Arguments:
 * soon: profile, time left, profile; expired: profile, profile.
 */
export const WARN_SECONDS = 600;

export const SOON_FORMAT =
  "awsmfa: the AWS session for %s expires in %s; `awsmfa %s` gets a new one.\\n";

export const EXPIRED_FORMAT =
  "awsmfa: the AWS session for %s has expired; `awsmfa %s` gets a new one.\\n";

/**
 * AWSMFA_EXPIRES as the hooks accept it: 1 to 12 digits, no leading zero. Anything else is
 * ignored before it reaches arithmetic (bash evaluates a variable's text as an expression).
 */
export const EXPIRES_PATTERN = "^[1-9][0-9]{0,11}$";

/** The same check as case patterns, for bash and zsh: these values are rejected. */
export const REJECTED_EXPIRES_PATTERNS = "'' | 0* | *[!0-9]* | ?????????????*";
