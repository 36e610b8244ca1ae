/** zsh: the POSIX function (zsh flavour), Tab completion, the expiry prompt hook, ~/.zshrc. */
import { join } from "node:path";
import { zshPromptHook } from "../posix/hook.ts";
import { posixSyntax } from "../posix/index.ts";
import type { RcPlace, ShellSyntax } from "../syntax.ts";
import { zshCompletion } from "./completion.ts";

const base = posixSyntax("zsh");

export const zsh: ShellSyntax = {
  ...base,
  completion: zshCompletion,
  promptHook: zshPromptHook,
  rcFile: ({ home, env }: RcPlace) => ({
    path: join(env.ZDOTDIR || home, ".zshrc"),
    line: base.loadLine,
  }),
};
