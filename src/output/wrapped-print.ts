/**
 * Text for a person, when the `awsmfa` shell function is the one reading stdout. The function
 * evaluates whatever the binary prints (AWSMFA_SHELL tells it is there), so help text,
 * `--format json` or fish lines asked for in bash would otherwise be run as code. Such text
 * goes out as one command that prints it: the function runs that command, and the text
 * reaches the function's own stdout (the terminal, a pipe, a file) byte for byte.
 */
import { shellForFormat } from "../shell/index.ts";
import { type ShellFormat, wrapperFormat } from "./mode.ts";

/** Code for `format` that prints exactly `text`. */
export function printCommand(format: ShellFormat, text: string): string {
  return text === "" ? "" : shellForFormat(format).printText(text);
}

/** `text` as it must be written to stdout: as is, or wrapped for the shell function. */
export function forStdout(env: Readonly<Record<string, string | undefined>>, text: string): string {
  const format = wrapperFormat(env);
  return format ? printCommand(format, text) : text;
}
