/**
 * awsmfa prompt: the session of this shell as a short prompt segment ("prod 7h42m"), for
 * starship, powerlevel10k and hand-written prompts. Prints nothing (and exits 0) when the
 * shell holds no session, so prompt tools simply hide the segment.
 */
import { Command } from "@commander-js/extra-typings";
import type { Deps } from "../deps.ts";
import { ExitCode } from "../errors.ts";
import { DEFAULT_TEMPLATE, promptSegment } from "../output/prompt-segment.ts";
import type { CommandContext } from "./context.ts";
import { applyEnv, envOption } from "./options/env.ts";

export interface PromptOptions {
  template: string;
}

export function runPrompt(options: PromptOptions, deps: Deps): number {
  const segment = promptSegment(deps.env, deps.clock.now(), options.template);
  if (segment !== "") deps.io.stdout.write(`${segment}\n`);
  return ExitCode.ok;
}

export function promptCommand({ deps, state }: CommandContext) {
  return new Command("prompt")
    .description("print this shell's session for your prompt, e.g. `prod 7h42m` (nothing if none)")
    .addOption(
      envOption(
        "--template <text>",
        `what to print; {profile}, {left} and {until} are filled in (default: "${DEFAULT_TEMPLATE}")`,
        "AWSMFA_PROMPT_TEMPLATE",
      ),
    )
    .action((_raw, command) => {
      applyEnv(command, deps.env);
      state.exitCode = runPrompt({ template: command.opts().template ?? DEFAULT_TEMPLATE }, deps);
    });
}
