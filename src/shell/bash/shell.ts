/** bash: the POSIX function, Tab completion, the expiry prompt hook, ~/.bashrc. */
import { join } from "node:path";
import { posixSyntax } from "../posix/index.ts";
import type { RcPlace, ShellSyntax } from "../syntax.ts";

const base = posixSyntax("bash");

export const bash: ShellSyntax = {
  ...base,
  extras: async () => ({
    completion: (await import("./completion.ts")).bashCompletion,
    promptHook: (await import("../posix/hook.ts")).bashPromptHook,
  }),
  rcFile({ home, platform }: RcPlace) {
    // macOS terminals start login shells, which read ~/.bash_profile rather than ~/.bashrc.
    const [path, also] = [".bashrc", ".bash_profile"].map((name) => join(home, name));
    const [main, other] = platform === "darwin" ? [also!, path!] : [path!, also!];
    return { path: main, line: base.loadLine, also: [other] };
  },
};
