/**
 * Keys already in the shell that awsmfa did not set (from `aws configure export-credentials`,
 * another tool, or typed by hand) are not replaced silently: ask on the terminal; --yes
 * replaces; with no terminal, replace and say so (a script asked for a login after all).
 */
import { maskKeyId } from "../aws/credentials.ts";
import type { Deps } from "../deps.ts";
import { CancelledError } from "../errors.ts";
import { keysInEnv } from "../session/in-env.ts";
import { askConfirm } from "../ui/prompts.ts";
import { questionDeadline } from "../ui/question-deadline.ts";

export async function confirmForeignKeys(deps: Deps, yes: boolean): Promise<void> {
  const inEnv = keysInEnv(deps.env);
  if (inEnv.accessKeyId === undefined || inEnv.setByAwsmfa) return;
  const key = maskKeyId(inEnv.accessKeyId);
  const what = `This shell already has AWS keys (${key}) that awsmfa did not set.`;
  const terminal = yes ? null : deps.terminal();
  if (!terminal) {
    deps.io.stderr.write(`${what} Replacing them.\n`);
    return;
  }
  const replace = await askConfirm(
    terminal,
    `${what} Replace them?`,
    questionDeadline(deps.env),
    true,
  );
  if (!replace) throw new CancelledError("Left the keys in this shell as they were.");
}
