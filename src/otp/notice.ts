/**
 * A line for the person waiting: on the terminal when there is one, so that it shows even when
 * stderr is redirected, else on stderr. Never on stdout, which may be evaluated by a shell.
 */
import type { Deps } from "../deps.ts";

export function notice(deps: Pick<Deps, "terminal" | "io">, text: string): void {
  const terminal = deps.terminal();
  if (terminal) terminal.write(`${text}\n`);
  else deps.io.stderr.write(`${text}\n`);
}

/** A device ARN without its prefix, as people read it: 123456789012:mfa/alice. */
export function shortDevice(serial: string): string {
  return serial.replace(/^arn:[^:]+:iam::/, "");
}
