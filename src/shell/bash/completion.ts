/**
 * Tab completion for bash: commands, subcommands (`keys move`), flags, flag values and profile
 * names. Profile names come from `awsmfa _profiles` at the moment Tab is pressed; everything
 * else is written into the script. Works in bash 3.2 (macOS) and later, and with `set -u`; it starts no process except
 * that one, and only for a profile name.
 */

import {
  acceptedFlags,
  type CommandPath,
  type CompletionSpec,
  commandNamed,
  commandPaths,
  type FlagSpec,
  flagNames,
  plainWords,
  subcommandPaths,
  valuedFlagNames,
} from "../completion-spec.ts";
import { posixQuote } from "../posix/index.ts";

const list = (words: readonly string[]) => posixQuote(plainWords(words).join(" "));
const pattern = (words: readonly string[]) => plainWords(words).join("|");
/** A case pattern of command paths (`'keys move'`), quoted: a path holds a space. */
const keys = (paths: readonly CommandPath[]) => paths.map((path) => posixQuote(path.key)).join("|");

/**
 * `case` branches that set the flags of each command and subcommand: its own and the
 * program's (acceptedFlags), as commander takes them.
 */
function flagBranches(paths: readonly CommandPath[], global: readonly FlagSpec[]): string[] {
  const lines: string[] = [];
  for (const { key, command } of paths) {
    const flags = acceptedFlags(command.flags, global);
    lines.push(
      `    ${posixQuote(key)}) __awsmfa_all=${list(flagNames(flags))}; __awsmfa_valued=${posixQuote(` ${valuedFlagNames(flags).join(" ")} `)} ;;`,
    );
  }
  lines.push("    *) __awsmfa_all=''; __awsmfa_valued=' ' ;;");
  return lines;
}

/** `case` branches that complete a flag's value: profile names or a fixed list. */
function valueBranches(paths: readonly CommandPath[]): string[] {
  const lines: string[] = [];
  for (const { key, command } of paths) {
    for (const flag of command.flags) {
      if (!flag.value || flag.value.kind === "text") continue;
      const cases = plainWords(flag.names).map((name) => posixQuote(`${key} ${name}`));
      if (cases.length === 0) continue;
      const action =
        flag.value.kind === "profile"
          ? "__awsmfa_add_profiles"
          : `__awsmfa_add_words ${list(flag.value.choices)}`;
      lines.push(`    ${cases.join("|")}) ${action} ;;`);
    }
  }
  return lines;
}

/** Recognises the command word (or a profile name, which means the default command). */
function commandBranches(spec: CompletionSpec): string[] {
  return [
    ...spec.commands
      .filter((command) => pattern(command.names) !== "")
      .map((command) => `          ${pattern(command.names)}) command=${command.names[0]} ;;`),
    `          *) command=${spec.defaultCommand}; positionals=1 ;;`,
  ];
}

/** After a command, its first word may name a subcommand (`keys move`), aliases included. */
function subcommandBranches(paths: readonly CommandPath[]): string[] {
  const lines: string[] = [];
  for (const parent of paths) {
    for (const child of subcommandPaths(paths, parent)) {
      const cases = child.names.map((name) => posixQuote(`0:${parent.key} ${name}`));
      lines.push(`            ${cases.join("|")}) command=${posixQuote(child.key)} ;;`);
    }
  }
  lines.push("            *) positionals=$((positionals + 1)) ;;");
  return lines;
}

/**
 * The words offered where a command wants its first word: its subcommands' names, or the
 * values its first argument may take (`shell-init bash`, `help login`).
 */
function firstWords(paths: readonly CommandPath[]): string[] {
  return paths.flatMap((parent) => {
    const words = [
      ...subcommandPaths(paths, parent).map((child) => child.names[0]!),
      ...(parent.command.argumentValues ?? []),
    ];
    if (words.length === 0) return [];
    return [`          ${posixQuote(parent.key)}) __awsmfa_add_words ${list(words)} ;;`];
  });
}

function profileCommands(paths: readonly CommandPath[]): string {
  const wanted = paths.filter((path) => path.command.profileArgument);
  return wanted.length > 0 ? keys(wanted) : "__awsmfa_none__";
}

export function bashCompletion(spec: CompletionSpec, binary: string): string {
  const fallback = commandNamed(spec, spec.defaultCommand)?.names[0] ?? spec.defaultCommand;
  const commands = list(spec.commands.map((command) => command.names[0]!));
  const paths = commandPaths(spec);
  return [
    "# Tab completion: commands, flags, and profile names (read by `awsmfa _profiles`).",
    "__awsmfa_add_words() {",
    "  local IFS=$' \\t\\n' __awsmfa_word",
    "  for __awsmfa_word in $1; do",
    '    case "$__awsmfa_word" in "$cur"*) COMPREPLY+=("$__awsmfa_word") ;; esac',
    "  done",
    "}",
    "__awsmfa_add_profiles() {",
    "  local __awsmfa_name __awsmfa_quoted",
    "  while IFS= read -r __awsmfa_name; do",
    '    case "$__awsmfa_name" in',
    '      "$cur"*) printf -v __awsmfa_quoted \'%q\' "$__awsmfa_name"; COMPREPLY+=("$__awsmfa_quoted") ;;',
    "    esac",
    `  done < <(command ${posixQuote(binary)} _profiles 2>/dev/null)`,
    "}",
    "__awsmfa_flags() {",
    '  case "$1" in',
    ...flagBranches(paths, spec.globalFlags),
    "  esac",
    "}",
    "__awsmfa_values() {",
    '  case "$1 $2" in',
    ...valueBranches(paths),
    "  esac",
    "}",
    "_awsmfa_complete() {",
    `  local cur="\${COMP_WORDS[COMP_CWORD]-}" prev="" command="" positionals=0 i=1 word`,
    "  local __awsmfa_all __awsmfa_valued",
    "  COMPREPLY=()",
    '  while [ "$i" -lt "$COMP_CWORD" ]; do',
    `    word="\${COMP_WORDS[i]}"`,
    '    case "$word" in',
    "      --) return 0 ;;",
    "      -*)",
    `        __awsmfa_flags "\${command:-${fallback}}"`,
    `        if [ "\${COMP_WORDS[i+1]-}" = "=" ]; then`,
    "          i=$((i + 2))",
    "        else",
    '          case "$__awsmfa_valued" in *" $word "*) i=$((i + 1)) ;; esac',
    "        fi",
    "        ;;",
    "      *)",
    '        if [ -n "$command" ]; then',
    '          case "$positionals:$command $word" in',
    ...subcommandBranches(paths),
    "          esac",
    "        else",
    '          case "$word" in',
    ...commandBranches(spec),
    "          esac",
    "        fi",
    "        ;;",
    "    esac",
    "    i=$((i + 1))",
    "  done",
    `  __awsmfa_flags "\${command:-${fallback}}"`,
    `  [ "$COMP_CWORD" -gt 0 ] && prev="\${COMP_WORDS[COMP_CWORD-1]-}"`,
    "  # --flag=value: bash splits at the = sign (COMP_WORDBREAKS).",
    '  if [ "$cur" = "=" ]; then',
    '    cur=""',
    '  elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then',
    `    prev="\${COMP_WORDS[COMP_CWORD-2]}"`,
    "  fi",
    '  case "$prev" in',
    "    -*)",
    '      case "$__awsmfa_valued" in',
    `        *" $prev "*) __awsmfa_values "\${command:-${fallback}}" "$prev"; return 0 ;;`,
    "      esac",
    "      ;;",
    "  esac",
    '  case "$cur" in',
    "    -*)",
    '      __awsmfa_add_words "$__awsmfa_all"',
    "      ;;",
    "    *)",
    '      if [ -z "$command" ]; then',
    `        __awsmfa_add_words ${commands}`,
    "        __awsmfa_add_profiles",
    '      elif [ "$positionals" -eq 0 ]; then',
    `        case "$command" in ${profileCommands(paths)}) __awsmfa_add_profiles ;; esac`,
    '        case "$command" in',
    ...firstWords(paths),
    "        esac",
    "      fi",
    "      ;;",
    "  esac",
    "  return 0",
    "}",
    "complete -F _awsmfa_complete awsmfa",
    "",
  ].join("\n");
}
