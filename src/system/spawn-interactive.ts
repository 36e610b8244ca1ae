/**
 * Runs a program as `awsmfa exec` does: it shares the terminal (stdin, stdout and stderr are
 * inherited), and SIGINT, SIGTERM and SIGHUP sent to awsmfa are passed on to it, while awsmfa
 * itself waits for it to end. Receives the process facts it needs from main.ts.
 */
import type { InteractiveResult, SpawnInteractive } from "../deps.ts";
import { inTerminalForeground } from "./foreground.ts";
import { type Child, spawnChild } from "./spawn-child.ts";

/**
 * Every signal whose default action would end awsmfa and that a program may be sent on purpose
 * (a supervisor's SIGTERM, `kill -USR1` to make a program reopen logs or dump state). One left
 * out would end awsmfa alone: the caller sees it finish while the program runs on, orphaned,
 * without the signal (and, with --server, without its credential endpoint).
 */
export const FORWARDED_SIGNALS = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "SIGQUIT",
  "SIGUSR1",
  "SIGUSR2",
  "SIGALRM",
] as const;
export type ForwardedSignal = (typeof FORWARDED_SIGNALS)[number];

/** Windows has only SIGINT, SIGTERM and SIGHUP to listen to (libuv refuses the others). */
export function forwardedSignals(platform: NodeJS.Platform): readonly ForwardedSignal[] {
  return platform === "win32" ? ["SIGINT", "SIGTERM", "SIGHUP"] : FORWARDED_SIGNALS;
}

/** Signals the terminal itself sends to its whole foreground group (Ctrl-C, Ctrl-\). */
const FROM_TERMINAL: readonly ForwardedSignal[] = ["SIGINT", "SIGQUIT"];

export interface SignalFacts {
  platform: NodeJS.Platform;
  pid: number;
  /** process.on(signal, handler); returns the matching process.off. */
  onSignal(signal: ForwardedSignal, handler: () => void): () => void;
}

/** How many programs `awsmfa exec` runs now: while one runs, awsmfa lives until it ends. */
export const interactive = { running: 0 };

export function spawnInteractive(facts: SignalFacts): SpawnInteractive {
  return (file, args, options) =>
    new Promise<InteractiveResult>((resolve) => {
      interactive.running++;
      let child: Child | undefined;
      const early: ForwardedSignal[] = [];
      // Handlers first: handling a signal at all keeps awsmfa alive until the child has
      // ended, and one that arrives while the child starts is passed on once it exists.
      const stops = forwardedSignals(facts.platform).map((signal) =>
        facts.onSignal(signal, () => {
          if (child) forward(child, signal, facts);
          else early.push(signal);
        }),
      );
      let settled = false;
      const finish = (result: InteractiveResult) => {
        if (settled) return;
        settled = true;
        interactive.running--;
        for (const stop of stops) stop();
        resolve(result);
      };
      try {
        child = spawnChild(file, args, { env: options.env, stdio: "inherit" });
      } catch (error) {
        finish({ code: null, signal: null, spawnError: error as NodeJS.ErrnoException });
        return;
      }
      child.on("error", (error: NodeJS.ErrnoException) =>
        finish({ code: null, signal: null, spawnError: error }),
      );
      child.on("exit", (code, signal) => finish({ code, signal }));
      for (const signal of early) forward(child, signal, facts);
    });
}

function forward(child: Child, signal: ForwardedSignal, facts: SignalFacts) {
  // Windows has no signals to pass on: Ctrl-C reaches every process on the console.
  if (facts.platform === "win32") return;
  if (FROM_TERMINAL.includes(signal) && inTerminalForeground(facts.platform, facts.pid)) return;
  try {
    child.kill(signal);
  } catch {
    // Already gone.
  }
}
