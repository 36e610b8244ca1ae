/**
 * src/ui/ (base layer): talking to people: style, prompts, tables, time words, and the one
 * error printer (this file). May import the other base folders and deps.ts/errors.ts.
 *
 * The one error printer, and the small helpers for talking to people on stderr.
 * Colour only when stderr is a terminal and NO_COLOR is unset (https://no-color.org).
 */
import type { Deps } from "../deps.ts";
import { quotePasteables, UserError } from "../errors.ts";
import { OWN_ESC, textInLine } from "../system/printable.ts";
import { debugEnabled, maskSecrets } from "./debug.ts";

export interface Style {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = {
  red: (t) => t,
  yellow: (t) => t,
  green: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
};

// OWN_ESC, not ESC: the writers turn it into ESC after showing every escape in the values
// (system/printable.ts), so a value can never pass for awsmfa's colour.
const ansi = (open: number, close: number) => (t: string) =>
  `${OWN_ESC}[${open}m${t}${OWN_ESC}[${close}m`;
const coloured: Style = {
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  green: ansi(32, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
};

export function useColour(env: Deps["env"], isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0")
    return true;
  return isTTY && env.TERM !== "dumb";
}

export function stderrStyle(deps: Pick<Deps, "env" | "io">): Style {
  return useColour(deps.env, deps.io.stderr.isTTY) ? coloured : plain;
}

export function styleFor(enabled: boolean): Style {
  return enabled ? coloured : plain;
}

/** Prints any error for a person. Unexpected errors show their stack only with AWSMFA_DEBUG. */
export function printError(
  error: unknown,
  deps: Pick<Deps, "env" | "io">,
  /** The user's shell's quoting, for the values hints mark with pasteable(). */
  quote: (value: string) => string,
): void {
  const style = stderrStyle(deps);
  if (error instanceof UserError) {
    if (error.code === "cancelled") {
      deps.io.stderr.write(`${style.yellow(error.message)}\n`);
      return;
    }
    deps.io.stderr.write(`${style.red("awsmfa:")} ${quotePasteables(error.message, quote)}\n`);
    if (error.hint) deps.io.stderr.write(`${indent(quotePasteables(error.hint, quote))}\n`);
    if (debugEnabled(deps.env) && error.cause instanceof Error) {
      deps.io.stderr.write(style.dim(`${maskSecrets(error.cause.stack ?? error.cause.message)}\n`));
    }
    return;
  }
  deps.io.stderr.write(`${style.red("awsmfa: unexpected error:")} ${oneLine(error)}\n`);
  if (debugEnabled(deps.env) && error instanceof Error && error.stack) {
    deps.io.stderr.write(style.dim(`${maskSecrets(error.stack)}\n`));
  } else {
    deps.io.stderr.write(
      "  This is a bug in awsmfa. Run again with AWSMFA_DEBUG=1 for details, and report it.\n",
    );
  }
}

/** The name and the first line of an error, at most 200 characters: never a page of source. */
export function oneLine(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : String(error ?? "unknown");
  const line = text.split("\n")[0] ?? "";
  // A CR or U+2028 left in the first line would still start another.
  return textInLine(line.length > 200 ? `${line.slice(0, 200)}...` : line);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
