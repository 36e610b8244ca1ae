/** PowerShell: its function, Tab completion and the expiry prompt hook (no rc file: $PROFILE varies). */
import type { ShellSyntax } from "../syntax.ts";
import { powershellSyntax } from "./index.ts";

export const powershell: ShellSyntax = {
  ...powershellSyntax,
  extras: async () => ({
    completion: (await import("./completion.ts")).powershellCompletion,
    promptHook: (await import("./hook.ts")).powershellPromptHook,
  }),
};
