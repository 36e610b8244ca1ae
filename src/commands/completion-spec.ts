/**
 * The completion spec of the real command line, read from commander: every visible command
 * with its aliases, flags, subcommands and the choices of its first argument. Options whose
 * name ends in "profile" take profile names; a first argument called "profile" (or
 * "profiles") is one too. Commands and subcommands added later complete without any change
 * here. Read when the completion text is generated (scripts/build/shell-extras.ts, and the
 * tests), not when shell-init runs (shell/built-extras.ts).
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

function commandOf(command: CommandUnknownOpts, parent: CommandUnknownOpts): CommandSpec {
  const help = command.createHelp();
  const values = argumentValues(command, parent);
  return {
    names: [command.name(), ...command.aliases()],
    description: command.description(),
    flags: help.visibleOptions(command).map(flagOf),
    profileArgument: /^profiles?$/.test(command.registeredArguments[0]?.name() ?? ""),
    ...(values.length > 0 ? { argumentValues: values } : {}),
    // `keys list`, `keys move`...: every level of commander's tree, so none is left out.
    subcommands: help.visibleCommands(command).map((child) => commandOf(child, command)),
  };
}

/**
 * The words the first argument may be: its choices (`shell-init <shell>`), or for the `help`
 * command commander adds by itself (it is in no command list) the commands beside it.
 */
function argumentValues(command: CommandUnknownOpts, parent: CommandUnknownOpts): string[] {
  if (command.name() === "help" && !parent.commands.includes(command)) {
    const help = parent.createHelp();
    return help
      .visibleCommands(parent)
      .map((sibling) => sibling.name())
      .filter((name) => name !== "help");
  }
  return [...(command.registeredArguments[0]?.argChoices ?? [])];
}

export function completionSpec(
  program: CommandUnknownOpts,
  defaultCommand = "login",
): CompletionSpec {
  const help = program.createHelp();
  return {
    commands: help.visibleCommands(program).map((command) => commandOf(command, program)),
    globalFlags: help.visibleOptions(program).map(flagOf),
    defaultCommand,
  };
}
