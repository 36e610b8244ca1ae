/**
 * Programs awsmfa waits on (the code dialog, a password manager, ykman waiting for a touch,
 * gpg's pinentry, the exec --server renewal helper) must end with awsmfa. Without this, an
 * IDE that stops its credential_process (SIGTERM), a closed terminal (SIGHUP) or `kill -INT`
 * ended awsmfa alone: the dialog stayed on the desktop for its whole timeout, asking for a
 * code nobody would read, and a touch or a password went to a process nobody waited for.
 *
 * While at least one program runs, SIGINT, SIGTERM and SIGHUP end them, then end awsmfa as the
 * signal would have (raised again once the handlers are off: exit 128+n), unless a lock that
 * releases itself on a signal is held (the MFA or a role lock, fs/lock.ts releaseOnInterrupt):
 * its handler ends the run first, as a cancel (exit 128+n as well). While `awsmfa exec`
 * runs its program, that program decides when awsmfa ends (spawn-interactive.ts forwards the
 * signal to it): the helpers are ended, awsmfa is not.
 */
import type { Exec } from "../deps.ts";
import { execFile, liveChildren } from "./exec-file.ts";
import { type ForwardedSignal, interactive } from "./spawn-interactive.ts";

export interface GuardFacts {
  pid: number;
  kill(pid: number, signal: NodeJS.Signals): void;
  onSignal(signal: ForwardedSignal, handler: () => void): () => void;
}

const ENDING = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export function guardedExec(facts: GuardFacts): Exec {
  let offs: (() => void)[] = [];
  let running = 0;
  const release = () => {
    for (const off of offs) off();
    offs = [];
  };
  const onSignal = (signal: ForwardedSignal) => {
    for (const child of liveChildren) {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
    }
    if (interactive.running > 0) return;
    release();
    facts.kill(facts.pid, signal);
  };
  return async (file, args, options) => {
    if (running++ === 0) offs = ENDING.map((s) => facts.onSignal(s, () => onSignal(s)));
    try {
      return await execFile(file, args, options);
    } finally {
      if (--running === 0) release();
    }
  };
}
