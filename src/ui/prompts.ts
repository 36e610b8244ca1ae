/**
 * Questions on the terminal, never on stdout: stdout may be captured by `eval "$(...)"`.
 * Each of the four @inquirer prompts used is loaded lazily (only when a question is actually
 * asked) and given the terminal's streams explicitly. Not the @inquirer/prompts collection: it
 * brings the editor prompt and with it iconv-lite and chardet (540 KB of code), which the
 * binary would embed, and Bun reads everything embedded at every start (docs/performance.md). Ctrl-C becomes a CancelledError (exit 130), and so does
 * Ctrl-D: readline closes itself on Ctrl-D but inquirer's prompt stays pending on the closed
 * line, deaf to every key after it, so Ctrl-D aborts the prompt instead.
 *
 * Every question has a deadline (ui/question-deadline.ts): past it the question is aborted and
 * the deadline's error thrown, so that nothing awsmfa holds (the MFA lock) is held for ever.
 *
 * Inquirer writes to the terminal itself, past the writers' printable(): the profile names,
 * devices and regions in questions and choices are made printable here.
 */
import type { Terminal } from "../deps.ts";
import { CancelledError, UserError } from "../errors.ts";
import { printable } from "../system/printable.ts";
import type { Deadline } from "./question-deadline.ts";

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/** setTimeout's longest delay; a longer one would fire at once. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

async function ask<T>(
  terminal: Terminal,
  deadline: Deadline,
  fn: (context: object) => Promise<T>,
): Promise<T> {
  const endOfInput = new AbortController();
  let expired = false;
  const timer = setTimeout(
    () => {
      expired = true;
      endOfInput.abort();
    },
    Math.min(deadline.ms, LONGEST_TIMER_MS),
  );
  const onKey = (_text: unknown, key?: { ctrl?: boolean; name?: string }) => {
    if (key?.ctrl && key.name === "d") endOfInput.abort();
  };
  let lostTerminal = false;
  const stopWatching = terminal.watchForeground?.(() => {
    lostTerminal = true;
    endOfInput.abort();
  });
  terminal.input.on("keypress", onKey);
  try {
    return await fn({
      input: terminal.input,
      output: terminal.output(),
      clearPromptOnDone: false,
      signal: endOfInput.signal,
    });
  } catch (error) {
    if (lostTerminal) throw lostTerminalError(error);
    if (expired) {
      // The question stays on the screen, unanswered: the message goes on the next line.
      terminal.write("\n");
      throw deadline.expired();
    }
    if (
      error instanceof Error &&
      (error.name === "ExitPromptError" || error.name === "AbortPromptError")
    ) {
      throw new CancelledError();
    }
    throw error;
  } finally {
    clearTimeout(timer);
    stopWatching?.();
    terminal.input.off("keypress", onKey);
  }
}

/** Exit 130 like Ctrl-C: nobody is left to answer (waiting callers learn it from the marker). */
function lostTerminalError(cause: unknown): UserError {
  return new CancelledError(
    "Stopped asking: the terminal went back to another program (the one that ran awsmfa ended).",
    { hint: "Run the command again in the foreground to be asked.", cause },
  );
}

export function askText(
  terminal: Terminal,
  message: string,
  deadline: Deadline,
  options: { default?: string; validate?: (value: string) => true | string } = {},
): Promise<string> {
  return ask(terminal, deadline, async (context) =>
    (await import("@inquirer/input")).default(
      {
        message: printable(message),
        // A default that printable() would change cannot be shown as it is, nor taken
        // unseen: it is not offered.
        ...(options.default !== undefined && printable(options.default) === options.default
          ? { default: options.default }
          : {}),
        ...(options.validate ? { validate: options.validate } : {}),
      },
      context,
    ),
  );
}

export function askSecret(
  terminal: Terminal,
  message: string,
  deadline: Deadline,
): Promise<string> {
  return ask(terminal, deadline, async (context) =>
    (await import("@inquirer/password")).default(
      { message: printable(message), mask: "*" },
      context,
    ),
  );
}

export function askConfirm(
  terminal: Terminal,
  message: string,
  deadline: Deadline,
  defaultAnswer = false,
): Promise<boolean> {
  return ask(terminal, deadline, async (context) =>
    (await import("@inquirer/confirm")).default(
      { message: printable(message), default: defaultAnswer },
      context,
    ),
  );
}

export function askSelect<T>(
  terminal: Terminal,
  message: string,
  choices: readonly Choice<T>[],
  deadline: Deadline,
): Promise<T> {
  return ask(terminal, deadline, async (context) =>
    (await import("@inquirer/select")).default<T>(
      {
        message: printable(message),
        choices: choices.map((c) => ({
          ...c,
          name: printable(c.name),
          ...(c.description !== undefined ? { description: printable(c.description) } : {}),
        })),
      },
      context,
    ),
  );
}

/** The error for "a question is needed but nobody can answer it". */
export function noTerminalError(what: string, hint: string): UserError {
  return new UserError(`awsmfa needs ${what}, but there is no terminal to ask on.`, {
    code: "noTerminal",
    hint,
  });
}
