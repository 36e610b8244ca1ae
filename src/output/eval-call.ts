/**
 * Whether this invocation's stdout is about to be evaluated by a shell (the shell function,
 * or `eval "$(awsmfa prod)"`). Used for failures that happen before a command has worked out
 * its output mode (a bad flag caught by the parser): stdout must then still say `false`, so
 * the eval fails instead of silently succeeding.
 */
import type { Deps } from "../deps.ts";

export function isEvalCall(
  argv: readonly string[],
  commands: {
    readonly all: ReadonlySet<string>;
    readonly evaluated: ReadonlySet<string>;
    readonly helpOrVersion: ReadonlySet<string>;
  },
  deps: Pick<Deps, "env" | "io">,
): boolean {
  if (deps.io.stdout.isTTY && !deps.env.AWSMFA_SHELL) return false;
  if (
    argv.some(
      (arg, i) =>
        /^--format=(json|dotenv)$/.test(arg) ||
        (arg === "--format" && /^(json|dotenv)$/.test(argv[i + 1] ?? "")),
    )
  ) {
    return false;
  }
  const first = argv[0];
  if (first === undefined) return true;
  if (commands.helpOrVersion.has(first)) return false;
  if (commands.all.has(first)) return commands.evaluated.has(first);
  // An option or a profile name: the default command, login.
  return true;
}
