/** PowerShell: its function, Tab completion and the expiry prompt hook (no rc file: $PROFILE varies). */
import type { ShellSyntax } from "../syntax.ts";
import { powershellCompletion } from "./completion.ts";
import { powershellPromptHook } from "./hook.ts";
import { powershellSyntax } from "./index.ts";

export const powershell: ShellSyntax = {
  ...powershellSyntax,
  completion: powershellCompletion,
  promptHook: powershellPromptHook,
};
