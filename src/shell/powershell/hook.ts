/**
 * Expiry warnings for PowerShell: the prompt function is wrapped once; the user's own prompt
 * runs first (so it still sees $? of the last command), then the check, in-process .NET only.
 * Same rule as the other shells.
 */
import { EXPIRES_PATTERN, WARN_SECONDS } from "../hook-messages.ts";

export function powershellPromptHook(): string {
  const soon =
    "awsmfa: the AWS session for $name expires in $when; ``awsmfa $quoted`` gets a new one.";
  const expired =
    "awsmfa: the AWS session for $name has expired; ``awsmfa $quoted`` gets a new one.";
  return [
    "# Expiry warnings: at each prompt, a check of $env:AWSMFA_EXPIRES (set by `awsmfa login`),",
    "# no process started. One line at 10 minutes or less, one when expired, once per session.",
    "if (-not (Test-Path Variable:global:__awsmfaWarned)) { $global:__awsmfaWarned = '' }",
    "function global:__awsmfaPromptHook {",
    "  $expires = $env:AWSMFA_EXPIRES",
    `  if (-not ("$expires" -match '${EXPIRES_PATTERN}')) { return }`,
    "  $left = [long]$expires - [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()",
    "  $name = if ($env:AWS_PROFILE) { $env:AWS_PROFILE } else { 'default' }",
    // The suggested command is pasted: the name in single quotes (all four kinds PowerShell
    // reads as one, doubled), as powershellQuote does; a name like an option goes after a
    // quoted '--' (a bare -- is taken by PowerShell itself, the binary would read -rf as flags).
    "  $quoted = if ($name -match '^[A-Za-z0-9_.@:/+=,][A-Za-z0-9_.@:/+=,-]*$') { $name } else { \"'\" + ($name -replace '[''\\u2018\\u2019\\u201a\\u201b]', '$0$0') + \"'\" }",
    "  if ($name.StartsWith('-')) { $quoted = \"login '--' $quoted\" }",
    "  if ($left -le 0) {",
    '    if ($global:__awsmfaWarned -ne "expired:$expires") {',
    '      $global:__awsmfaWarned = "expired:$expires"',
    `      [Console]::Error.WriteLine("${expired}")`,
    "    }",
    `  } elseif ($left -le ${WARN_SECONDS} -and $global:__awsmfaWarned -ne "soon:$expires") {`,
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
