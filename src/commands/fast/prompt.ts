/**
 * `awsmfa prompt`, at every shell prompt of the people who put it in starship or p10k: the
 * segment from the environment alone, written with Bun's own writer. Not node:fs, whose
 * loading alone (~1.3 ms) was a fifth of the run. The writer the rest of awsmfa uses
 * (system/writer.ts) changes nothing in a line of printable ASCII, so such a line goes out here;
 * any other line (control characters a terminal would act on) goes to the fast path's general
 * tier (index.ts), which escapes it the usual way.
 */
import { DEFAULT_TEMPLATE, promptSegment } from "../../output/prompt-segment.ts";
import { stalledOutput, unwritableOutput, WRITE_STALL_MS } from "../../system/output-stall.ts";
import type { FastInvocation } from "./invocation.ts";

/** True when the prompt has been answered (printed, or nothing to print). */
export async function promptMain(
  invocation: Extract<FastInvocation, { kind: "prompt" }>,
  env: Readonly<Record<string, string | undefined>>,
  stallMs = WRITE_STALL_MS,
): Promise<boolean> {
  // As prompt.ts: the flag, else AWSMFA_PROMPT_TEMPLATE when not empty, else the default.
  const template = invocation.template ?? (env.AWSMFA_PROMPT_TEMPLATE || DEFAULT_TEMPLATE);
  const segment = promptSegment(env, Date.now(), template);
  if (segment === "") return true;
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  // As writer.ts: a reader that takes nothing for WRITE_STALL_MS ends the run with its error,
  // and so does a stdout that cannot take the line (a full disk); one that went away (EPIPE)
  // is no failure.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(stalledOutput()), stallMs);
  });
  try {
    await Promise.race([Bun.write(Bun.stdout, `${segment}\n`).catch(failedWrite), stalled]);
  } finally {
    clearTimeout(timer);
  }
  return true;
}

function failedWrite(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw unwritableOutput(error);
}
