/**
 * Expiry warnings for bash and zsh: a prompt hook that compares AWSMFA_EXPIRES (epoch seconds,
 * exported by `awsmfa login`) with the clock using shell arithmetic and builtins only, so no
 * process is started per prompt. The rule: one line when 10 minutes or less remain, one line
 * once the session has expired, each at most once per session (a new login resets it).
 *
 * bash reads the clock with `printf '%(%s)T'` (bash 4.2+; older bash stays silent), zsh with
 * $EPOCHSECONDS from the zsh/datetime module. The hook returns the status it found, so hooks
 * and prompts that run after it still see the last command's $?.
 */

import {
  EXPIRED_FORMAT,
  REJECTED_EXPIRES_PATTERNS,
  SOON_FORMAT,
  WARN_SECONDS,
} from "../hook-messages.ts";
import { posixQuote } from "./index.ts";

const HEADER = [
  "# Expiry warnings: at each prompt, shell arithmetic on AWSMFA_EXPIRES (set by `awsmfa login`),",
  "# no process started. One line at 10 minutes or less, one when expired, once per session.",
];

/**
 * `quoteProfile` sets __awsmfa_q to the profile quoted by the shell itself (bash: printf %q,
 * zsh: the (q+) flag; builtins, no process): the suggested `awsmfa PROFILE` is pasted, and a
 * profile named "dev team" or "$(rm -rf ~)" must stay one literal word.
 */
function hookFunction(
  name: string,
  readClock: string[],
  prelude: string[],
  quoteProfile: string,
): string[] {
  const profile = `"\${AWS_PROFILE:-default}"`;
  const quoted = `"$__awsmfa_q"`;
  const shown = `"$__awsmfa_shown"`;
  // The name is shown as it is, unless it holds a control character (a line break, an
  // escape): then as the shell quotes it ($'a\nb'), so the warning stays one line and no
  // escape sequence reaches the terminal. A name like an option (-rf) goes after
  // `login --`, or the pasted line reads it as flags.
  const quoteLine =
    `${quoteProfile}; __awsmfa_shown=${profile}; ` +
    `case ${profile} in *[[:cntrl:]]*) __awsmfa_shown=$__awsmfa_q ;; esac; ` +
    `case ${profile} in -*) __awsmfa_q="login -- $__awsmfa_q" ;; esac`;
  return [
    `${name}() {`,
    "  local __awsmfa_status=$?",
    ...prelude,
    "  local __awsmfa_now __awsmfa_left __awsmfa_when __awsmfa_q __awsmfa_shown",
    `  case "\${AWSMFA_EXPIRES-}" in`,
    `    ${REJECTED_EXPIRES_PATTERNS}) return "$__awsmfa_status" ;;`,
    "  esac",
    ...readClock,
    "  __awsmfa_left=$((AWSMFA_EXPIRES - __awsmfa_now))",
    '  if [ "$__awsmfa_left" -le 0 ]; then',
    `    if [ "\${__awsmfa_warned-}" != "expired:$AWSMFA_EXPIRES" ]; then`,
    '      __awsmfa_warned="expired:$AWSMFA_EXPIRES"',
    `      ${quoteLine}`,
    `      printf ${posixQuote(EXPIRED_FORMAT)} ${shown} ${quoted} >&2`,
    "    fi",
    `  elif [ "$__awsmfa_left" -le ${WARN_SECONDS} ] && [ "\${__awsmfa_warned-}" != "soon:$AWSMFA_EXPIRES" ]; then`,
    '    __awsmfa_warned="soon:$AWSMFA_EXPIRES"',
    '    if [ "$__awsmfa_left" -ge 60 ]; then',
    '      __awsmfa_when="$((__awsmfa_left / 60))m"',
    "    else",
    `      __awsmfa_when="\${__awsmfa_left}s"`,
    "    fi",
    `    ${quoteLine}`,
    `    printf ${posixQuote(SOON_FORMAT)} ${shown} "$__awsmfa_when" ${quoted} >&2`,
    "  fi",
    '  return "$__awsmfa_status"',
    "}",
  ];
}

export function bashPromptHook(): string {
  return [
    ...HEADER,
    ...hookFunction(
      "__awsmfa_prompt_hook",
      [`  printf -v __awsmfa_now '%(%s)T' -1 2>/dev/null || return "$__awsmfa_status"`],
      [],
      `printf -v __awsmfa_q '%q' "\${AWS_PROFILE:-default}"`,
    ),
    "# Appended on a line of its own, after whatever PROMPT_COMMAND already runs; only once.",
    `case "\${PROMPT_COMMAND-}" in`,
    "  *__awsmfa_prompt_hook*) ;;",
    '  *) PROMPT_COMMAND="${PROMPT_COMMAND:+$PROMPT_COMMAND',
    '}__awsmfa_prompt_hook" ;;',
    "esac",
    "",
  ].join("\n");
}

export function zshPromptHook(): string {
  return [
    ...HEADER,
    "zmodload zsh/datetime 2>/dev/null",
    ...hookFunction(
      "__awsmfa_precmd",
      [
        `  __awsmfa_now="\${EPOCHSECONDS-}"`,
        '  [ -n "$__awsmfa_now" ] || return "$__awsmfa_status"',
      ],
      ["  emulate -L zsh"],
      `__awsmfa_q=\${(q+)\${AWS_PROFILE:-default}}`,
    ),
    "typeset -ga precmd_functions",
    `if (( ! \${precmd_functions[(Ie)__awsmfa_precmd]} )); then`,
    "  precmd_functions+=(__awsmfa_precmd)",
    "fi",
    "",
  ].join("\n");
}
