/** What every command receives besides its own options. */
import type { Deps } from "../deps.ts";
import type { OutputMode } from "../output/mode.ts";

export interface RunState {
  /** The exit code the command chose (a non-error outcome such as "expired" for status). */
  exitCode: number;
  /**
   * The output mode the command chose (login, unset, logout). cli.ts decides from it what
   * stdout carries if the command fails: `false` in eval mode, so that `eval "$(awsmfa prod)"`
   * fails instead of silently succeeding.
   */
  outputMode: OutputMode | undefined;
}

export interface CommandContext {
  deps: Deps;
  state: RunState;
}
