/**
 * src/output/ (domain layer): how a session reaches the user: the output mode (this file),
 * emitting a session or unset lines, the variables, the login report. Shell syntax comes from
 * shell/. May import other domain folders and base; never commands/ or above.
 *
 * How login output reaches the user. The shell cannot be changed by a child process, so:
 *  - wrapped: the `awsmfa` shell function (AWSMFA_SHELL set) evaluates stdout: code only;
 *  - eval:    stdout is captured (`eval "$(awsmfa prod)"`): POSIX code only;
 *  - direct:  stdout is a terminal: nothing can evaluate it, so show the lines to copy and
 *             the command that would apply them;
 *  - explicit: --format chose the output; print exactly that.
 */
import { UsageError } from "../errors.ts";
import { EXPORT_FORMATS, type ExportFormat, shellForFormat, shellReading } from "../shell/index.ts";
import { printableInLine } from "../system/printable.ts";

export type ShellFormat = ExportFormat;
export type OutputFormat = ShellFormat | "dotenv" | "json";
export const OUTPUT_FORMATS: readonly OutputFormat[] = [...EXPORT_FORMATS, "dotenv", "json"];

export type OutputMode =
  | { kind: "wrapped"; format: ShellFormat; shell: string }
  | { kind: "eval"; format: "sh" }
  | { kind: "direct"; format: ShellFormat; shell: string }
  | { kind: "explicit"; format: OutputFormat };

export interface ModeInputs {
  format: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
}

export function outputMode(inputs: ModeInputs): OutputMode {
  if (inputs.format !== undefined) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(inputs.format)) {
      throw new UsageError(`Unknown --format "${printableInLine(inputs.format)}".`, {
        hint: `Choose one of: ${OUTPUT_FORMATS.join(", ")}.`,
      });
    }
    return { kind: "explicit", format: inputs.format as OutputFormat };
  }
  const wrapper = inputs.env.AWSMFA_SHELL;
  if (wrapper) {
    const format = wrapperFormat(inputs.env);
    if (!format) {
      throw new UsageError(
        `AWSMFA_SHELL is "${printableInLine(wrapper)}", which awsmfa does not know.`,
        {
          hint: 'Load the shell function again: eval "$(awsmfa shell-init bash)" (or zsh, fish, powershell).',
        },
      );
    }
    return { kind: "wrapped", format, shell: wrapper };
  }
  if (!inputs.stdoutIsTTY) return { kind: "eval", format: "sh" };
  const shell = userShell(inputs.env);
  return { kind: "direct", format: shellReading(shell)?.exportFormat ?? "sh", shell };
}

/** The syntax of the shell function that will evaluate stdout (AWSMFA_SHELL), if any. */
export function wrapperFormat(
  env: Readonly<Record<string, string | undefined>>,
): ShellFormat | undefined {
  const wrapper = env.AWSMFA_SHELL;
  return wrapper ? shellReading(wrapper)?.exportFormat : undefined;
}

/**
 * The user's login shell, from $SHELL (or PowerShell's PSModulePath: so pwsh spells it
 * elsewhere; on Windows every name is upper case, system/windows-env.ts).
 */
export function userShell(env: Readonly<Record<string, string | undefined>>): string {
  const name = (env.SHELL ?? "").split(/[\\/]/).pop() ?? "";
  if (name) return name.replace(/\.exe$/, "");
  return (env.PSModulePath ?? env.PSMODULEPATH) ? "powershell" : "bash";
}

/**
 * The quoting of the shell a person will paste a suggested command into: the one running the
 * `awsmfa` function (AWSMFA_SHELL), else $SHELL's, else sh. For values marked pasteable().
 */
export function quoteForUser(
  env: Readonly<Record<string, string | undefined>>,
): (value: string) => string {
  const shell =
    (env.AWSMFA_SHELL ? shellReading(env.AWSMFA_SHELL) : undefined) ??
    shellReading(userShell(env)) ??
    shellReading("sh")!;
  // Plain words (prod, dev-1) stay as they are; anything else is quoted.
  return (value) => shell.word(value);
}

/** Whether the output changes the caller's shell (and so must not clobber foreign keys). */
export function changesShell(mode: OutputMode): boolean {
  return (
    mode.kind === "wrapped" ||
    mode.kind === "eval" ||
    (mode.kind === "explicit" && isShellFormat(mode.format))
  );
}

/** What stdout carries on failure: shell code that fails, so `eval "$(...)"` fails too. */
export function failureCode(mode: OutputMode): string | undefined {
  if (mode.kind === "eval" || mode.kind === "wrapped") return "false\n";
  if (mode.kind === "explicit" && isShellFormat(mode.format)) {
    return shellForFormat(mode.format).failureCode;
  }
  return undefined;
}

/** True for the formats that are shell code (not json or dotenv). */
export function isShellFormat(format: OutputFormat): format is ShellFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(format);
}
