/**
 * When an automatic source cannot run (not installed, locked, signed out, too slow) and a
 * person is at a terminal, say what is wrong and how to fix it, then ask them for the code.
 * Without a terminal the error stands. Once fallen back, the rest of this login uses the
 * prompt: the broken source is not tried again.
 */
import { OtpUnavailableError } from "./errors.ts";
import type { OtpSource } from "./source.ts";
import { promptSourceWith } from "./sources/prompt.ts";

/** `timeoutMs`: the code-source timeout, which the prompt then waits for the code too. */
export function withPromptFallback(source: OtpSource, timeoutMs: number): OtpSource {
  if (!source.automatic) return source;
  const promptSource = promptSourceWith(timeoutMs);
  let fellBack = false;
  return {
    // After the fall, this is the prompt in every way that matters (reuse guard, retries).
    get name() {
      return fellBack ? promptSource.name : source.name;
    },
    get automatic() {
      return fellBack ? promptSource.automatic : source.automatic;
    },
    available: source.available,
    async code(request, deps) {
      if (!fellBack) {
        try {
          return await source.code(request, deps);
        } catch (error) {
          const terminal = error instanceof OtpUnavailableError ? deps.terminal() : null;
          if (!terminal) throw error;
          const { message, hint } = error as OtpUnavailableError;
          terminal.write(`${message}\n  ${hint}\nType the code instead.\n`);
          fellBack = true;
        }
      }
      return promptSource.code(request, deps);
    },
  };
}
