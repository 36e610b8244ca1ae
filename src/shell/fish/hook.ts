/**
 * Expiry warnings for fish, on the fish_prompt event, with builtins only: the clock is read
 * as `path mtime /` plus `path mtime --relative /` (fish 3.5 or later; older fish would run
 * an external `path`, so the hook is not defined there). Same rule as bash and zsh.
 */

import { EXPIRED_FORMAT, EXPIRES_PATTERN, SOON_FORMAT, WARN_SECONDS } from "../hook-messages.ts";
import { fishQuote } from "./index.ts";

export function fishPromptHook(): string {
  return [
    "# Expiry warnings: at each prompt, builtins only on AWSMFA_EXPIRES (set by `awsmfa login`),",
    "# no process started. One line at 10 minutes or less, one when expired, once per session.",
    "if builtin -q path 2>/dev/null",
    "    function __awsmfa_prompt_hook --on-event fish_prompt",
    `        string match -qr ${fishQuote(EXPIRES_PATTERN)} -- "$AWSMFA_EXPIRES"; or return`,
    "        set -l left (math $AWSMFA_EXPIRES - (path mtime /) - (path mtime --relative /))",
    "        set -l profile $AWS_PROFILE",
    '        test -n "$profile"; or set profile default',
    "        # The suggested command is pasted: the profile quoted by fish itself (a builtin).",
    "        set -l quoted (string escape -- $profile)",
    "        # Shown as it is, unless a control character (a line break, an escape) is in it: then",
    "        # quoted as above, so the warning stays one line and nothing acts on the terminal.",
    "        set -l shown $profile",
    "        string match -q -r '[[:cntrl:]]' -- $profile; and set shown $quoted",
    "        # A name like an option (-rf) goes after `login --`, or it would be read as flags.",
    "        string match -q -- '-*' $profile; and set quoted \"login -- $quoted\"",
    "        if test $left -le 0",
    '            if test "$__awsmfa_warned" != "expired:$AWSMFA_EXPIRES"',
    '                set -g __awsmfa_warned "expired:$AWSMFA_EXPIRES"',
    `                printf ${fishQuote(EXPIRED_FORMAT)} $shown $quoted >&2`,
    "            end",
    `        else if test $left -le ${WARN_SECONDS}; and test "$__awsmfa_warned" != "soon:$AWSMFA_EXPIRES"`,
    '            set -g __awsmfa_warned "soon:$AWSMFA_EXPIRES"',
    "            set -l when (math -s0 $left / 60)m",
    "            test $left -ge 60; or set when {$left}s",
    `            printf ${fishQuote(SOON_FORMAT)} $shown $when $quoted >&2`,
    "        end",
    "    end",
    "end",
    "",
  ].join("\n");
}
