/**
 * Tab completion for fish: `complete` rules for commands, subcommands (`keys move`), flags and
 * flag values, with descriptions. A small parser of the command line (`commandline -opc`, a
 * builtin) tells which command (or subcommand) is being completed and whether its first
 * argument is still missing.
 * Profile names come from `awsmfa _profiles` when Tab is pressed.
 */

import {
  acceptedFlags,
  type CommandPath,
  type CompletionSpec,
  commandPaths,
  type FlagSpec,
  menuText,
  plainWords,
  subcommandPaths,
} from "../completion-spec.ts";
import { fishQuote } from "./index.ts";

function valuedBranches(paths: readonly CommandPath[]): string[] {
  return paths.flatMap(({ key, command }) => {
    const valued = plainWords(
      command.flags.filter((flag) => flag.value).flatMap((flag) => flag.names),
    );
    if (valued.length === 0) return [];
    return [`        case ${fishQuote(key)}`, `            printf '%s\\n' -- ${valued.join(" ")}`];
  });
}

/** Every "command subcommand" pair (aliases included), for the parser to recognise. */
function subcommandPairs(paths: readonly CommandPath[]): string {
  const pairs = paths.flatMap((parent) =>
    subcommandPaths(paths, parent).flatMap((child) =>
      child.names.map((name) => fishQuote(`${parent.key} ${name}`)),
    ),
  );
  return pairs.length > 0 ? pairs.join(" ") : "''";
}

function commandCases(spec: CompletionSpec): string[] {
  return spec.commands.flatMap((command) => {
    const names = plainWords(command.names);
    if (names.length === 0) return [];
    return [
      `                    case ${names.join(" ")}`,
      `                        set command ${names[0]}`,
    ];
  });
}

/** `complete` arguments for one flag: -s/-l names, value, description. */
function flagRule(flag: FlagSpec): string {
  const parts: string[] = [];
  for (const name of plainWords(flag.names)) {
    if (name.startsWith("--")) parts.push(`-l ${name.slice(2)}`);
    else if (name.length === 2) parts.push(`-s ${name.slice(1)}`);
    else parts.push(`-o ${name.slice(1)}`);
  }
  if (flag.value?.kind === "profile") parts.push("-x -a '(__awsmfa_profiles)'");
  else if (flag.value?.kind === "choices")
    parts.push(`-x -a ${fishQuote(plainWords(flag.value.choices).join(" "))}`);
  else if (flag.value) parts.push("-x");
  parts.push(`-d ${fishQuote(menuText(flag.description))}`);
  return parts.join(" ");
}

export function fishCompletion(spec: CompletionSpec, binary: string): string {
  const paths = commandPaths(spec);
  const lines = [
    "# Tab completion: commands, flags, and profile names (read by `awsmfa _profiles`).",
    "function __awsmfa_profiles",
    `    command ${fishQuote(binary)} _profiles 2>/dev/null`,
    "end",
    "function __awsmfa_valued --argument-names command",
    "    switch $command",
    ...valuedBranches(paths),
    "    end",
    "end",
    "# Prints the command being completed (empty when none yet) and how many arguments follow it.",
    "function __awsmfa_parse",
    "    set -l tokens (commandline -opc)",
    "    set -l command ''",
    "    set -l positionals 0",
    "    set -l skip 0",
    "    for token in $tokens[2..-1]",
    "        if test $skip -eq 1",
    "            set skip 0",
    "            continue",
    "        end",
    "        switch $token",
    "            case '--*=*'",
    "            case '-*'",
    "                set -l current $command",
    `                test -n "$current"; or set current ${spec.defaultCommand}`,
    "                if contains -- $token (__awsmfa_valued $current)",
    "                    set skip 1",
    "                end",
    "            case '*'",
    '                if test -n "$command"',
    `                    if test $positionals -eq 0; and contains -- "$command $token" ${subcommandPairs(paths)}`,
    '                        set command "$command $token"',
    "                        continue",
    "                    end",
    "                    set positionals (math $positionals + 1)",
    "                    continue",
    "                end",
    "                switch $token",
    ...commandCases(spec),
    "                    case '*'",
    `                        set command ${spec.defaultCommand}`,
    "                        set positionals 1",
    "                end",
    "        end",
    "    end",
    "    printf '%s\\n' \"$command\" $positionals",
    "end",
    "function __awsmfa_first",
    "    test -z (__awsmfa_parse)[1]",
    "end",
    "function __awsmfa_in --argument-names name",
    "    test (__awsmfa_parse)[1] = $name",
    "end",
    "# True when the command is `name` and none of its arguments has been typed yet.",
    "function __awsmfa_wants_argument --argument-names name",
    "    set -l state (__awsmfa_parse)",
    '    test "$state[1]" = $name -a "$state[2]" = 0',
    "end",
    "complete -c awsmfa -e",
    "complete -c awsmfa -f",
  ];
  for (const command of spec.commands) {
    const name = plainWords(command.names)[0];
    if (!name) continue;
    lines.push(
      `complete -c awsmfa -n __awsmfa_first -a ${name} -d ${fishQuote(menuText(command.description))}`,
    );
  }
  lines.push("complete -c awsmfa -n __awsmfa_first -a '(__awsmfa_profiles)' -d profile");
  // Before any command: the program's flags, and the default command's (`awsmfa --force prod`).
  const defaultFlags = spec.commands.find((c) => c.names.includes(spec.defaultCommand))?.flags;
  const global = new Set(spec.globalFlags.flatMap((flag) => flag.names));
  const firstFlags = [
    ...spec.globalFlags,
    ...(defaultFlags ?? []).filter((flag) => !flag.names.some((name) => global.has(name))),
  ];
  for (const flag of firstFlags) {
    lines.push(`complete -c awsmfa -n __awsmfa_first ${flagRule(flag)}`);
  }
  for (const path of paths) {
    const { key, command } = path;
    // Its own flags and the program's (-V, --debug): commander takes both after a command.
    for (const flag of acceptedFlags(command.flags, spec.globalFlags)) {
      lines.push(
        `complete -c awsmfa -n ${fishQuote(`__awsmfa_in ${fishQuote(key)}`)} ${flagRule(flag)}`,
      );
    }
    const wants = `-n ${fishQuote(`__awsmfa_wants_argument ${fishQuote(key)}`)}`;
    for (const child of subcommandPaths(paths, path)) {
      const name = child.names[0]!;
      lines.push(
        `complete -c awsmfa ${wants} -a ${name} -d ${fishQuote(menuText(child.command.description))}`,
      );
    }
    if (command.profileArgument) {
      lines.push(`complete -c awsmfa ${wants} -a '(__awsmfa_profiles)' -d profile`);
    }
    const values = plainWords(command.argumentValues ?? []);
    if (values.length > 0)
      lines.push(`complete -c awsmfa ${wants} -a ${fishQuote(values.join(" "))}`);
  }
  lines.push("");
  return lines.join("\n");
}
