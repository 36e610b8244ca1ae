/**
 * The explicit registry of shells, and the public face of src/shell. Adding a shell means
 * writing one file behind ShellSyntax and listing it here.
 */
import { fish } from "./fish/index.ts";
import { bash, zsh } from "./posix/index.ts";
import { powershell } from "./powershell/index.ts";
import type { ShellSyntax } from "./syntax.ts";

export { dotenvLine, dotenvValue } from "./dotenv.ts";
export { renderExports, renderUnsets } from "./render.ts";
export type { ExportFormat, InitOptions, ShellSyntax } from "./syntax.ts";

export const SHELLS: readonly ShellSyntax[] = [bash, zsh, fish, powershell];

/** Other names people and $SHELL use for a supported shell. */
const ALIASES: ReadonlyMap<string, ShellSyntax> = new Map([
  ["sh", bash],
  ["dash", bash],
  ["pwsh", powershell],
]);

/** The shell called `name` (bash, zsh, fish, powershell; sh, dash, pwsh), if supported. */
export function shellSyntax(name: string): ShellSyntax | undefined {
  return SHELLS.find((shell) => shell.name === name) ?? ALIASES.get(name);
}
