/**
 * Expiry warnings for PowerShell: the prompt function is wrapped once; the user's own prompt
 * runs first (so it still sees $? of the last command), then the check, in-process .NET only.
 * Same rule as the other shells.
 */
import { EXPIRES_PATTERN, WARN_SECONDS } from "../hook-messages.ts";

/** PowerShell's escape character, in the code below that is written as raw strings. */
const BACKTICK = "`";

export function powershellPromptHook(): string {
  const soon =
    "awsmfa: the AWS session for $shownName expires in $when; ``awsmfa $quoted`` gets a new one.";
  const expired =
    "awsmfa: the AWS session for $shownName has expired; ``awsmfa $quoted`` gets a new one.";
  return [
    "# Expiry warnings: at each prompt, a check of $env:AWSMFA_EXPIRES (set by `awsmfa login`),",
    "# no process started. One line at 10 minutes or less, one when expired, once per session.",
    "function global:__awsmfaPromptHook {",
    "  $expires = $env:AWSMFA_EXPIRES",
    `  if (-not ("$expires" -match '${EXPIRES_PATTERN}')) { return }`,
    // Which warning was shown: set when one is, as in bash, zsh and fish, so that loading the
    // hook creates no variable (read with Test-Path first: Set-StrictMode refuses an unset one).
    "  $warned = if (Test-Path Variable:global:__awsmfaWarned) { $global:__awsmfaWarned } else { '' }",
    "  $left = [long]$expires - [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()",
    "  $name = if ($env:AWS_PROFILE) { $env:AWS_PROFILE } else { 'default' }",
    // The suggested command is pasted: the name in single quotes (all four kinds PowerShell
    // reads as one, doubled), as powershellQuote does; a name like an option goes after a
    // quoted '--' (a bare -- is taken by PowerShell itself, the binary would read -rf as flags).
    "  $quoted = if ($name -match '^[A-Za-z0-9_.@:/+=,][A-Za-z0-9_.@:/+=,-]*$') { $name } else { \"'\" + ($name -replace '[''\\u2018\\u2019\\u201a\\u201b]', '$0$0') + \"'\" }",
    "  if ($name.StartsWith('-')) { $quoted = \"login '--' $quoted\" }",
    // A control character (a line break, an escape) is shown as \xHH, as awsmfa itself shows
    // it, and pasted as $([char]0xHH) inside double quotes: the warning stays one line.
    "  $shownName = $name",
    "  if ($name -match '\\p{Cc}') {",
    String.raw`    $shownName = [regex]::Replace($name, '\p{Cc}', { param($m) '\x{0:x2}' -f [int][char]$m.Value })`,
    String.raw`    $spelled = [regex]::Replace($name, '[\p{Cc}${BACKTICK}$"\u201c\u201d\u201e]', { param($m) $c = [int][char]$m.Value; if ($c -lt 32 -or ($c -ge 127 -and $c -le 159)) { '$([char]0x{0:X4})' -f $c } else { '${BACKTICK}' + $m.Value } })`,
    `    $quoted = '"' + $spelled + '"'`,
    "    if ($name.StartsWith('-')) { $quoted = \"login '--' $quoted\" }",
    "  }",
    "  if ($left -le 0) {",
    '    if ($warned -ne "expired:$expires") {',
    '      $global:__awsmfaWarned = "expired:$expires"',
    `      [Console]::Error.WriteLine("${expired}")`,
    "    }",
    `  } elseif ($left -le ${WARN_SECONDS} -and $warned -ne "soon:$expires") {`,
    '    $global:__awsmfaWarned = "soon:$expires"',
    `    $when = if ($left -ge 60) { "$([math]::Floor($left / 60))m" } else { "\${left}s" }`,
    `    [Console]::Error.WriteLine("${soon}")`,
    "  }",
    "}",
    "if (-not (Test-Path Function:global:__awsmfaUserPrompt)) {",
    "  if (Test-Path Function:prompt) {",
    `    \${function:global:__awsmfaUserPrompt} = \${function:prompt}`,
    "  } else {",
    '    function global:__awsmfaUserPrompt { "PS $($executionContext.SessionState.Path.CurrentLocation)> " }',
    "  }",
    "  function global:prompt {",
    "    $awsmfaPromptText = __awsmfaUserPrompt",
    "    __awsmfaPromptHook",
    "    $awsmfaPromptText",
    "  }",
    "}",
    "",
  ].join("\n");
}
