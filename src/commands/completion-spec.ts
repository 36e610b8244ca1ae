/**
 * The completion spec of the real command line, read from commander: every visible command
 * with its aliases, flags and subcommands. Options whose name ends in "profile" take profile
 * names; a first argument called "profile" (or "profiles") is one too. Commands and
 * subcommands added later complete without any change here.
 */
import type { CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import type { CommandSpec, CompletionSpec, FlagSpec } from "../shell/completion-spec.ts";

function flagOf(option: Option): FlagSpec {
  const names = [option.short, option.long].filter((name): name is string => Boolean(name));
  const spec: FlagSpec = { names, description: option.description };
  if (!option.required && !option.optional) return spec;
  if (option.argChoices) return { ...spec, value: { kind: "choices", choices: option.argChoices } };
  if (/profile$/i.test(option.attributeName())) return { ...spec, value: { kind: "profile" } };
  const name = /<([^>]+)>|\[([^\]]+)\]/.exec(option.flags);
  return { ...spec, value: { kind: "text", name: name?.[1] ?? name?.[2] ?? "value" } };
}

function commandOf(command: CommandUnknownOpts): CommandSpec {
  const help = command.createHelp();
  return {
    names: [command.name(), ...command.aliases()],
    description: command.description(),
    flags: help.visibleOptions(command).map(flagOf),
    profileArgument: /^profiles?$/.test(command.registeredArguments[0]?.name() ?? ""),
    // `keys list`, `keys move`...: every level of commander's tree, so none is left out.
    subcommands: help.visibleCommands(command).map(commandOf),
  };
}

export function completionSpec(
  program: CommandUnknownOpts,
  defaultCommand = "login",
): CompletionSpec {
  const help = program.createHelp();
  return {
    commands: help.visibleCommands(program).map(commandOf),
    globalFlags: help.visibleOptions(program).map(flagOf),
    defaultCommand,
  };
}
