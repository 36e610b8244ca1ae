/**
 * Options backed by environment variables, declared next to the flag they back.
 *
 * Commander's own `.env()` reads `process.env` directly; awsmfa receives its environment
 * through deps instead, so the mapping lives here and is applied once, right after parsing.
 * Precedence: flag > environment > (command-specific config) > default.
 */
import type { Option } from "@commander-js/extra-typings";
import { commander } from "./commander.ts";

const envNames = new WeakMap<object, string>();

/** An option whose value may also come from `envName`. The help text names the variable. */
export function envOption<Flags extends string>(
  flags: Flags,
  description: string,
  envName: string,
) {
  const option = new (commander().Option)(flags, `${description} [env: ${envName}]`);
  envNames.set(option, envName);
  return option;
}

interface CommandLike {
  readonly options: readonly object[];
  getOptionValueSource(key: string): string | undefined;
  setOptionValueWithSource(key: string, value: unknown, source: "env"): unknown;
}

/** Fills options the user did not pass on the command line from `env`. */
export function applyEnv(command: CommandLike, env: Readonly<Record<string, string | undefined>>) {
  for (const option of command.options) {
    const envName = envNames.get(option);
    if (envName === undefined) continue;
    const value = env[envName];
    if (value === undefined || value === "") continue;
    const typed = option as Option;
    const key = typed.attributeName();
    if (command.getOptionValueSource(key) === "cli") continue;
    const parsed = typed.isBoolean()
      ? !/^(0|false|no|off)$/i.test(value)
      : typed.parseArg
        ? typed.parseArg(value, undefined as never)
        : value;
    command.setOptionValueWithSource(key, parsed, "env");
  }
}
