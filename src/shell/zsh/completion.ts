/**
 * Tab completion for zsh, through the completion system (`_arguments`, `_describe`), so
 * flags, commands and subcommands (`keys move`) show their descriptions. Profile names come from `awsmfa _profiles`
 * when Tab is pressed. Registered with compdef; when compinit has not run yet (the init line
 * sits above it in .zshrc) registration waits for the first prompt.
 */

import {
  acceptedFlags,
  type CommandSpec,
  type CompletionSpec,
  type FlagSpec,
  isPlainWord,
  menuText,
  plainWords,
} from "../completion-spec.ts";
import { posixQuote } from "../posix/index.ts";

/** Text inside _arguments' [explanation]: brackets and backslashes would end or escape it. */
function explanation(text: string): string {
  return menuText(text).replace(/\\/g, "/").replace(/\[/g, "(").replace(/\]/g, ")");
}

function valueAction(flag: FlagSpec): string {
  const value = flag.value;
  if (!value) return "";
  if (value.kind === "profile") return ":profile:__awsmfa_profiles";
  if (value.kind === "choices") return `:value:(${plainWords(value.choices).join(" ")})`;
  return `:${value.name.replace(/[^A-Za-z0-9_-]/g, "")}: `;
}

/** One _arguments spec per flag name, each excluding the flag's other names. */
export function zshFlagSpecs(flag: FlagSpec): string[] {
  const names = plainWords(flag.names);
  const exclusion = names.length > 1 ? `(${names.join(" ")})` : "";
  return names.map((name) => {
    const equals = flag.value && name.startsWith("--") ? "=" : "";
    return posixQuote(
      `${exclusion}${name}${equals}[${explanation(flag.description)}]${valueAction(flag)}`,
    );
  });
}

function argumentsCall(flags: readonly FlagSpec[], extra: string[], indent: string): string[] {
  const specs = [...flags.flatMap(zshFlagSpecs), ...extra];
  return [`${indent}_arguments -s -S \\`, ...specs.map((spec) => `${indent}  ${spec} \\`)];
}

/** The menu entries (`name:description`) of a list of commands. */
function describeEntries(commands: readonly CommandSpec[]): string[] {
  return commands
    .filter((command) => isPlainWord(command.names[0]!))
    .map((command) => posixQuote(`${command.names[0]}:${menuText(command.description)}`));
}

/**
 * What completes after a command word: its flags and profile argument, or, for a command
 * with subcommands (`keys`), a subcommand name and then that subcommand's own body. `*::`
 * shifts the words, so each level reads its command word from $words[1]. Its flags are its
 * own and the program's (`global`): commander takes both after a command.
 */
function commandBody(command: CommandSpec, global: readonly FlagSpec[], indent: string): string[] {
  const children = command.subcommands ?? [];
  const flags = acceptedFlags(command.flags, global);
  if (children.length === 0) {
    const values = plainWords(command.argumentValues ?? []);
    const positional = command.profileArgument
      ? ["'1:profile:__awsmfa_profiles'"]
      : values.length > 0
        ? [`'1:value:(${values.join(" ")})'`]
        : [];
    return [...argumentsCall(flags, positional, indent), `${indent}  && ret=0`];
  }
  return [
    ...argumentsCall(flags, ["'1: :->subcommand'", "'*:: :->subrest'"], indent).map((line, i) =>
      i === 0 ? line.replace("_arguments ", "_arguments -C ") : line,
    ),
    `${indent}  && ret=0`,
    `${indent}case $state in`,
    `${indent}  subcommand)`,
    `${indent}    local -a subcommands`,
    `${indent}    subcommands=(`,
    ...describeEntries(children).map((entry) => `${indent}      ${entry}`),
    `${indent}    )`,
    `${indent}    _describe -t commands 'subcommand' subcommands && ret=0`,
    `${indent}    ;;`,
    `${indent}  subrest)`,
    `${indent}    case $words[1] in`,
    ...caseBranches(children, global, `${indent}      `),
    `${indent}    esac`,
    `${indent}    ;;`,
    `${indent}esac`,
  ];
}

/** One `case` branch per command (its name and aliases), at any level. */
function caseBranches(
  commands: readonly CommandSpec[],
  global: readonly FlagSpec[],
  indent: string,
): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    const names = plainWords(command.names);
    if (names.length === 0) continue;
    lines.push(
      `${indent}${names.join("|")})`,
      ...commandBody(command, global, `${indent}  `),
      `${indent}  ;;`,
    );
  }
  return lines;
}

function commandBranches(spec: CompletionSpec): string[] {
  const indent = "          ";
  const lines = caseBranches(spec.commands, spec.globalFlags, "        ");
  const fallback = spec.commands.find((command) => command.names.includes(spec.defaultCommand));
  // A profile name in first place: the default command's flags follow it.
  lines.push(
    "        *)",
    ...argumentsCall(acceptedFlags(fallback?.flags ?? [], spec.globalFlags), [], indent),
    `${indent}  && ret=0`,
    `${indent};;`,
  );
  return lines;
}

function topFlags(spec: CompletionSpec): readonly FlagSpec[] {
  const fallback = spec.commands.find((command) => command.names.includes(spec.defaultCommand));
  return acceptedFlags(spec.globalFlags, fallback?.flags ?? []);
}

export function zshCompletion(spec: CompletionSpec, binary: string): string {
  const commands = describeEntries(spec.commands);
  return [
    "# Tab completion: commands, flags, and profile names (read by `awsmfa _profiles`).",
    "__awsmfa_profiles() {",
    "  local -a profiles expl",
    `  profiles=(\${(f)"$(command ${posixQuote(binary)} _profiles 2>/dev/null)"})`,
    "  _wanted profiles expl 'profile' compadd -a profiles",
    "}",
    "__awsmfa_first() {",
    "  local -a commands",
    "  local ret=1",
    "  commands=(",
    ...commands.map((entry) => `    ${entry}`),
    "  )",
    "  _describe -t commands 'command' commands && ret=0",
    "  __awsmfa_profiles && ret=0",
    "  return ret",
    "}",
    "_awsmfa() {",
    '  local curcontext="$curcontext" state state_descr line ret=1',
    "  typeset -A opt_args",
    "  _arguments -C -s -S \\",
    // Before any command: the program's flags and the default command's (`awsmfa --force prod`).
    ...topFlags(spec)
      .flatMap(zshFlagSpecs)
      .map((flag) => `    ${flag} \\`),
    "    '1: :->first' \\",
    "    '*:: :->rest' && ret=0",
    "  case $state in",
    "    first) __awsmfa_first && ret=0 ;;",
    "    rest)",
    "      case $words[1] in",
    ...commandBranches(spec),
    "      esac",
    "      ;;",
    "  esac",
    "  return ret",
    "}",
    "if (( $+functions[compdef] )); then",
    "  compdef _awsmfa awsmfa",
    "else",
    "  __awsmfa_compdef_later() {",
    `    precmd_functions=(\${precmd_functions:#__awsmfa_compdef_later})`,
    "    if (( $+functions[compdef] )); then compdef _awsmfa awsmfa; fi",
    "    unfunction __awsmfa_compdef_later",
    "  }",
    "  typeset -ga precmd_functions",
    `  if (( ! \${precmd_functions[(Ie)__awsmfa_compdef_later]} )); then`,
    "    precmd_functions+=(__awsmfa_compdef_later)",
    "  fi",
    "fi",
    "",
  ].join("\n");
}
