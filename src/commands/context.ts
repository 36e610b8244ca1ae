/** What every command receives besides its own options. */
import type { Deps } from "../deps.ts";

export interface RunState {
  /** The exit code the command chose (a non-error outcome such as "expired" for status). */
  exitCode: number;
  /**
   * What stdout must carry if the command fails. In eval mode this is `false`, so that
   * `eval "$(awsmfa prod)"` fails instead of silently succeeding.
   */
  failureStdout: string | undefined;
}

export interface CommandContext {
  deps: Deps;
  state: RunState;
}
