/**
 * What `awsmfa shell-init` adds after the `awsmfa` function: Tab completion and the
 * expiry-warning prompt hook (bash, zsh, fish, PowerShell). sh and dash get neither:
 * they have no completion system and no prompt hook that avoids a process.
 */
import { bashCompletion } from "./bash/completion.ts";
import type { CompletionSpec } from "./completion-spec.ts";
import { fishCompletion } from "./fish/completion.ts";
import { fishPromptHook } from "./fish/hook.ts";
import { bashPromptHook, zshPromptHook } from "./posix/hook.ts";
import { powershellCompletion } from "./powershell/completion.ts";
import { powershellPromptHook } from "./powershell/hook.ts";
import type { ShellName } from "./syntax.ts";
import { zshCompletion } from "./zsh/completion.ts";

export function initExtras(shell: ShellName, spec: CompletionSpec, binary: string): string {
  switch (shell) {
    case "bash":
      return `${bashCompletion(spec, binary)}\n${bashPromptHook()}`;
    case "zsh":
      return `${zshCompletion(spec, binary)}\n${zshPromptHook()}`;
    case "fish":
      return `${fishCompletion(spec, binary)}\n${fishPromptHook()}`;
    case "powershell":
      return `${powershellCompletion(spec, binary)}\n${powershellPromptHook()}`;
  }
}
