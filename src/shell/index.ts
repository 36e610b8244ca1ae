/**
 * The explicit registry of shells, and the public face of src/shell: the only place that
 * switches on a shell's name. Each shell is one object (syntax.ts, ShellSyntax) built in its
 * folder's shell.ts; adding a shell means writing that folder and listing it here. shell/
 * is domain code: it may import base folders, never output/, commands/ or above.
 */
import { bash } from "./bash/shell.ts";
import { cmd } from "./cmd/shell.ts";
import type { CompletionSpec } from "./completion-spec.ts";
import { dotenvLine } from "./dotenv.ts";
import { fish } from "./fish/shell.ts";
import { sh } from "./posix/shell.ts";
import { powershell } from "./powershell/shell.ts";
import type { ExportFormat, ShellSyntax } from "./syntax.ts";
import { zsh } from "./zsh/shell.ts";

export { builtExtras } from "./built-extras.ts";
export { checkCmdValue } from "./cmd/index.ts";

import { inUtf8CodePage } from "./cmd/index.ts";

export { dotenvLine, dotenvValue } from "./dotenv.ts";
export type { ExportFormat, InitOptions, RcFile, ShellSyntax } from "./syntax.ts";

/** The shells `awsmfa shell-init` offers, in the order its help lists them. */
export const SHELLS: readonly ShellSyntax[] = [bash, zsh, fish, powershell];

/** Other names people and $SHELL use for a supported shell. */
const ALIASES: ReadonlyMap<string, ShellSyntax> = new Map([
  ["sh", sh],
  ["dash", sh],
  ["pwsh", powershell],
]);

/**
 * Shells that evaluate the sh format but get no `awsmfa` function: ksh has no `local`.
 * They count when awsmfa reads $SHELL or AWSMFA_SHELL, not for `awsmfa shell-init`.
 */
const READERS_ONLY: ReadonlyMap<string, ShellSyntax> = new Map([["ksh", sh]]);

/** The shell called `name` (bash, zsh, fish, powershell; sh, dash, pwsh), if supported. */
export function shellSyntax(name: string): ShellSyntax | undefined {
  return SHELLS.find((shell) => shell.name === name) ?? ALIASES.get(name);
}

/** The shell that evaluates awsmfa's output in a shell called `name` ($SHELL, AWSMFA_SHELL). */
export function shellReading(name: string): ShellSyntax | undefined {
  return shellSyntax(name) ?? READERS_ONLY.get(name);
}

/** Shells awsmfa writes --format lines for but offers no function to: cmd.exe. */
const FORMAT_ONLY: readonly ShellSyntax[] = [cmd];

/** Every syntax the binary writes shell code in, once each, in SHELLS order, then cmd. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  ...new Set([...SHELLS, ...FORMAT_ONLY].map((shell) => shell.exportFormat)),
];

/** The shell that reads `format` (the first listed: bash for "sh"). */
export function shellForFormat(format: ExportFormat): ShellSyntax {
  return [...SHELLS, ...FORMAT_ONLY].find((shell) => shell.exportFormat === format)!;
}

/**
 * Lines that set the variables, each ending with a newline: what `awsmfa login` prints for
 * eval, and `--format dotenv` files.
 */
export function renderExports(
  format: ExportFormat | "dotenv",
  vars: ReadonlyArray<readonly [string, string]>,
): string {
  const line =
    format === "dotenv"
      ? dotenvLine
      : (name: string, value: string) => shellForFormat(format).setVar(name, value);
  const lines = vars.map(([name, value]) => `${line(name, value)}\n`).join("");
  // cmd reads a batch file in the console's code page: non-ASCII lines switch it to UTF-8.
  return format === "cmd" ? inUtf8CodePage(lines) : lines;
}

/** Lines that remove the variables (what `awsmfa unset` prints). */
export function renderUnsets(format: ExportFormat, names: readonly string[]): string {
  const shell = shellForFormat(format);
  return names.map((name) => `${shell.unsetVar(name)}\n`).join("");
}

/**
 * What `awsmfa shell-init` adds after the `awsmfa` function: Tab completion and the
 * expiry-warning prompt hook, as far as the shell has them. Rendered ahead of time
 * (built-extras.ts, scripts/build/shell-extras.ts), not when shell-init runs.
 */
export async function initExtras(
  shell: ShellSyntax,
  spec: CompletionSpec,
  binary: string,
): Promise<string> {
  const extras = await shell.extras?.();
  const parts = [extras?.completion?.(spec, binary), extras?.promptHook?.()];
  return parts.filter((part) => part !== undefined).join("\n");
}
