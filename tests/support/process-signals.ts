/**
 * A process's signal listeners, faked for in-process lock tests (Deps.onInterrupt,
 * LockOptions.onInterrupt): several may be on at once, as in the real process (a lock's wait
 * hands over to its hold, which listens beside the write guard), and a signal reaches each
 * one that is on when it is sent.
 */
import type { InterruptSignal } from "../../src/errors.ts";

export interface ProcessSignals {
  /** Deps.onInterrupt: turns a listener on; the function returned turns it off. */
  onInterrupt(handler: (signal: InterruptSignal) => void): () => void;
  /** Sends `signal` to every listener on now. */
  send(signal: InterruptSignal): void;
}

export function processSignals(): ProcessSignals {
  const handlers = new Set<(signal: InterruptSignal) => void>();
  return {
    onInterrupt(handler) {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
    send(signal) {
      for (const handler of [...handlers]) handler(signal);
    },
  };
}
