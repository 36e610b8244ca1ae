/** fish: its function, Tab completion, the expiry prompt hook, a conf.d file. */
import { join } from "node:path";
import type { RcPlace, ShellSyntax } from "../syntax.ts";
import { fishSyntax } from "./index.ts";

export const fish: ShellSyntax = {
  ...fishSyntax,
  extras: async () => ({
    completion: (await import("./completion.ts")).fishCompletion,
    promptHook: (await import("./hook.ts")).fishPromptHook,
  }),
  rcFile: ({ home, env }: RcPlace) => ({
    path: join(env.XDG_CONFIG_HOME || join(home, ".config"), "fish", "conf.d", "awsmfa.fish"),
    line: fishSyntax.loadLine,
  }),
};
