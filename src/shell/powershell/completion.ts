/**
 * Tab completion for PowerShell: one `Register-ArgumentCompleter -Native` script block for the
 * `awsmfa` function (and awsmfa.exe), over a table of commands and flags generated from the
 * same spec as bash, zsh and fish. It completes commands, subcommands (`keys move`), flags,
 * flag values (--format choices, profile names) and the profile argument. Profile names come from `awsmfa
 * _profiles` when Tab is pressed, and are quoted when they need it.
 */
import {
  type CommandSpec,
  type CompletionSpec,
  type FlagSpec,
  menuText,
  plainWords,
} from "../completion-spec.ts";
import { powershellQuote } from "./index.ts";

const list = (words: readonly string[]) => `@(${words.map(powershellQuote).join(", ")})`;

function flagEntry(flag: FlagSpec): string {
  const kind = flag.value?.kind ?? "switch";
  const choices = flag.value?.kind === "choices" ? plainWords(flag.value.choices) : [];
  return (
    `@{ Names = ${list(plainWords(flag.names))}; Kind = '${kind}'; ` +
    `Choices = ${list(choices)}; Description = ${powershellQuote(menuText(flag.description))} }`
  );
}

function flagTable(flags: readonly FlagSpec[]): string {
  return `@(${flags.map((flag) => `\n      ${flagEntry(flag)}`).join(",")}\n    )`;
}

/** One command's entry; a command with subcommands (`keys`) holds their entries. */
function commandEntry(command: CommandSpec, indent: string): string {
  const children = (command.subcommands ?? []).filter((c) => plainWords(c.names).length > 0);
  const subcommands = children.map((child) => `\n${indent}  ${commandEntry(child, `${indent}  `)}`);
  return (
    `@{ Names = ${list(plainWords(command.names))}; ` +
    `Description = ${powershellQuote(menuText(command.description))}; ` +
    `Profile = $${command.profileArgument}; Values = ${list(plainWords(command.argumentValues ?? []))}; ` +
    `Flags = ${flagTable(command.flags)}; ` +
    `Subcommands = @(${subcommands.join(",")}) }`
  );
}

function commandTable(spec: CompletionSpec): string[] {
  return spec.commands
    .filter((command) => plainWords(command.names).length > 0)
    .map((command) => `  ${commandEntry(command, "  ")}`);
}

export function powershellCompletion(spec: CompletionSpec, binary: string): string {
  return [
    "# Tab completion: commands, flags, --format values and profile names (from `awsmfa _profiles`).",
    "Register-ArgumentCompleter -Native -CommandName awsmfa, awsmfa.exe -ScriptBlock {",
    "  param($wordToComplete, $commandAst, $cursorPosition)",
    "  $table = @{",
    `  Default = ${powershellQuote(spec.defaultCommand)}`,
    `  Global = ${flagTable(spec.globalFlags)}`,
    "  Commands = @(",
    commandTable(spec).join(",\n"),
    "  )",
    "  }",
    "  $words = @($commandAst.CommandElements | Select-Object -Skip 1 |",
    "    Where-Object { $_.Extent.EndOffset -lt $cursorPosition -or ($_.Extent.EndOffset -eq $cursorPosition -and $wordToComplete -eq '') } |",
    "    ForEach-Object { $_.Extent.Text })",
    "  if ($wordToComplete -ne '' -and $words.Count -gt 0 -and $words[-1] -eq $wordToComplete) {",
    "    $words = @($words | Select-Object -SkipLast 1)",
    "  }",
    "  $command = $null",
    "  $positionals = 0",
    "  $previous = $null",
    "  foreach ($word in $words) {",
    "    # After --, commander takes nothing as a flag or command: nothing to offer (as bash).",
    "    if ($word -ceq '--' -and -not $previous) { return }",
    "    $current = if ($command) { $command } else { $table.Commands | Where-Object { $_.Names -contains $table.Default } }",
    "    $flag = @($current.Flags) + @($table.Global) | Where-Object { $_.Names -ccontains $word }",
    "    if ($previous) { $previous = $null; continue }",
    "    if ($word.StartsWith('-')) { if ($flag -and $flag.Kind -ne 'switch') { $previous = $flag }; continue }",
    "    if ($positionals -eq 0) {",
    "      $choices = if ($command) { $command.Subcommands } else { $table.Commands }",
    "      $named = $choices | Where-Object { $_.Names -ccontains $word }",
    "      if ($named) { $command = $named; continue }",
    "    }",
    "    $positionals++",
    "  }",
    "  $current = if ($command) { $command } else { $table.Commands | Where-Object { $_.Names -contains $table.Default } }",
    "  $flags = @($current.Flags) + @($table.Global)",
    "  $result = { param($text, $type, $tip)",
    "    $shown = if ($type -eq 'ParameterValue' -and $text -notmatch '^[A-Za-z0-9_][A-Za-z0-9_.@-]*$') { \"'\" + ($text -replace \"['\\u2018-\\u201b]\", '$0$0') + \"'\" } else { $text }",
    "    [System.Management.Automation.CompletionResult]::new($shown, $text, $type, $(if ($tip) { $tip } else { $text }))",
    "  }",
    // PowerShell decodes a program's output with [Console]::OutputEncoding, on Windows the
    // console's code page unless set to UTF-8: `_profiles` writes UTF-8, so a name such as
    // "büro" would be offered garbled. UTF-8 for the one call, then as it was.
    "  $profiles = {",
    "    $status = $global:LASTEXITCODE",
    "    $encoding = [Console]::OutputEncoding",
    "    try {",
    "      [Console]::OutputEncoding = [Text.UTF8Encoding]::new($false)",
    `      @(& ${powershellQuote(binary)} _profiles 2>$null)`,
    "    } finally {",
    "      [Console]::OutputEncoding = $encoding",
    "    }",
    "    $global:LASTEXITCODE = $status",
    "  }",
    "  $last = if ($words.Count -gt 0) { $words[-1] } else { $null }",
    "  $valued = if ($last) { $flags | Where-Object { $_.Names -ccontains $last -and $_.Kind -ne 'switch' } }",
    "  if ($valued) {",
    "    $values = switch ($valued.Kind) { 'profile' { & $profiles } 'choices' { $valued.Choices } default { @() } }",
    "    $values | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object { & $result $_ 'ParameterValue' $null }",
    "    return",
    "  }",
    "  if ($wordToComplete.StartsWith('-')) {",
    "    # A command's own -h/--help and the program's are one flag: each name once (case counts: -V).",
    "    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)",
    "    foreach ($flag in $flags) {",
    "      $flag.Names | Where-Object { $_ -like \"$wordToComplete*\" -and $seen.Add($_) } | ForEach-Object { & $result $_ 'ParameterName' $flag.Description }",
    "    }",
    "    return",
    "  }",
    "  if ($positionals -eq 0 -and -not ($command -and $command.Subcommands.Count -eq 0)) {",
    "    foreach ($each in $(if ($command) { $command.Subcommands } else { $table.Commands })) {",
    "      $each.Names | Select-Object -First 1 | Where-Object { $_ -like \"$wordToComplete*\" -and -not $_.StartsWith('_') } | ForEach-Object { & $result $_ 'Command' $each.Description }",
    "    }",
    "  }",
    "  if ($current.Values -and $positionals -eq 0) {",
    "    $current.Values | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object { & $result $_ 'ParameterValue' $null }",
    "  }",
    "  if ($current.Profile -and $positionals -eq 0) {",
    "    & $profiles | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object { & $result $_ 'ParameterValue' $null }",
    "  }",
    "}",
    "",
  ].join("\n");
}
