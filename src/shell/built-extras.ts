/**
 * What `awsmfa shell-init` adds after the function (Tab completion and the prompt hook), as
 * text rendered ahead of time: built-extras.generated.json, written by
 * scripts/build/shell-extras.ts from the real command line with the renderers of each shell
 * folder. Rendering them at run time meant loading every command's definition, walking
 * commander's tree and running each shell's generator: about half of shell-init's CPU time
 * (~15 of ~30 ms, docs/performance.md). The text holds BINARY_PLACEHOLDER, quoted for its
 * shell, where the binary's path goes.
 *
 * tests/shell/built-extras.test.ts fails when the generated text differs from what the
 * renderers make of today's command line, and the build (build.ts) refuses to compile it.
 */
import type { ShellName, ShellSyntax } from "./syntax.ts";

/** Stands for the binary's path in the generated text; plain, so every shell quotes it alike. */
export const BINARY_PLACEHOLDER = "awsmfa-binary-path-placeholder";

export type BuiltExtras = Readonly<Record<ShellName, string>>;

/** The rendered text with the binary's path put in, quoted by `shell` as its renderer did. */
export function withBinary(text: string, shell: ShellSyntax, binary: string): string {
  const quoted = shell.quote(binary);
  // A function, so that `$&` or `$1` in a path is not read as a replacement pattern.
  return text.replaceAll(shell.quote(BINARY_PLACEHOLDER), () => quoted);
}

/** Tab completion and the prompt hook for `shell`, as initExtras() would render them. */
export async function builtExtras(shell: ShellSyntax, binary: string): Promise<string> {
  const built: BuiltExtras = (await import("./built-extras.generated.json")).default;
  if (shell.name === "cmd") throw new Error("cmd has no shell-init extras");
  return withBinary(built[shell.name], shell, binary);
}
