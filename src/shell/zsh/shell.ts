/** zsh: the POSIX function (zsh flavour), Tab completion, the expiry prompt hook, ~/.zshrc. */
import { join } from "node:path";
import { posixSyntax } from "../posix/index.ts";
import type { RcPlace, ShellSyntax } from "../syntax.ts";

const base = posixSyntax("zsh");

export const zsh: ShellSyntax = {
  ...base,
  extras: async () => ({
    completion: (await import("./completion.ts")).zshCompletion,
    promptHook: (await import("../posix/hook.ts")).zshPromptHook,
  }),
  rcFile: ({ home, env }: RcPlace) => ({
    path: join(env.ZDOTDIR || home, ".zshrc"),
    line: base.loadLine,
  }),
};
