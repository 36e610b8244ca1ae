/**
 * Any command that prints the code (`awsmfa_otp_command = gopass otp -o aws/prod`). It is split
 * into words like a POSIX shell would (quotes and backslashes) but run without one: no pipes,
 * no $VARIABLES. A command that needs them can be `sh -c '...'`. Its arguments are never shown
 * in messages, because people do put secrets there.
 */

import { UsageError, UserError } from "../../errors.ts";
import { shlexSplit } from "../../ini/shlex.ts";
import { findProgram } from "../../system/which.ts";
import { codeFromCommand } from "../external.ts";
import type { ResolvedValue } from "../settings.ts";
import type { OtpSource, OtpSourceKind, SourceSettings } from "../source.ts";

export const commandKind: OtpSourceKind = {
  name: "command",
  aliases: [],
  summary: "any command that prints the code, run without a shell",
  automatic: true,
  required: { key: "command", noun: "the command that prints the code" },
  keys: ["command"],
  availability: async () => ({ available: true, detail: "runs the command you name" }),
  create: commandSource,
};

export function commandSource({ values, timeoutMs }: SourceSettings): OtpSource {
  const setting = values.command!;
  const [program, ...args] = commandWords(setting);
  return {
    name: "command",
    automatic: true,
    available: async (deps) => (await findProgram(program!, deps)) !== undefined,
    code: (_request, deps) =>
      codeFromCommand(
        {
          program: program!,
          args,
          tool: `The command in ${setting.from}`,
          install: "Give a program on PATH, or its full path.",
          unlockHint: "Check what it waits for (run it yourself).",
          timeoutMs,
        },
        deps,
      ),
  };
}

/** The command's words; an empty or unbalanced command is a settings error. */
export function commandWords(setting: ResolvedValue): [string, ...string[]] {
  const words = shlexSplit(setting.value);
  if (words && words.length > 0 && words[0] !== "") return words as [string, ...string[]];
  const message = `The code command in ${setting.from} is empty or has an unclosed quote.`;
  const hint = "Write it as you would in a shell, e.g. gopass otp -o aws/prod";
  throw setting.layer === "config"
    ? new UserError(message, { hint, code: "config" })
    : new UsageError(message, { hint });
}
