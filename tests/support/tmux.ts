/**
 * Drives real interactive shells inside tmux, for tests that need a terminal: prompts typed
 * at /dev/tty, completions, prompt hooks, the `awsmfa` shell function.
 *
 * Every session gets its own tmux server (`tmux -L <unique>`), a clean shell (no user or
 * system rc files), HOME = the folder the test gives, TERM=xterm-256color, a UTF-8 locale and
 * the prompt "$ ". The prompt also sets the pane title to READY_TITLE (an invisible escape
 * sequence); that is how run() knows a command has finished. A test whose rc replaces the
 * prompt must keep that escape, or use type()/press()/waitFor() instead of run().
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleep, tmux, tmuxAvailable, watchdog } from "./tmux-server.ts";
import { shellSetup } from "./tmux-shells.ts";

export { tmuxAvailable };

export type ShellKind = "bash" | "zsh" | "fish" | "dash";

export interface StartOptions {
  /** The throwaway folder used as HOME. */
  home: string;
  /** Added to (or replacing) the clean environment: HOME, PATH, TERM, LANG, LC_ALL, SHELL. */
  env?: Record<string, string>;
  /** Shell code run at start, after the harness has set the prompt. */
  rc?: string;
  width?: number;
  height?: number;
}

export interface ShellSession {
  /** Types literal text; no Enter. */
  type(text: string): Promise<void>;
  /** Presses keys by tmux name: "Enter", "C-c", "Tab", "Down", "BSpace", "Escape"... */
  press(...keys: string[]): Promise<void>;
  /** Types `command` and Enter, waits for the next prompt, returns the command's output. */
  run(command: string, timeoutMs?: number): Promise<string>;
  /** The first half of run(): types `command` and Enter, returns at once. */
  start(command: string): Promise<void>;
  /** The second half of run(): waits for the command from start() to end; its output. */
  finish(timeoutMs?: number): Promise<string>;
  /** Waits until the visible screen matches; returns the screen. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** The visible screen, without trailing blank lines. */
  screen(): Promise<string>;
  /** Ends the shell and its tmux server, and removes the harness's files. Idempotent. */
  close(): Promise<void>;
  readonly kind: ShellKind;
  /** The tmux socket name, for tests that need a raw tmux command. */
  readonly socket: string;
}

/** What the prompt sets the pane title to. */
export const READY_TITLE = "awsmfa-ready";
const BUSY_TITLE = "awsmfa-busy";
/** The visible prompt, as capture-pane shows it (trailing space trimmed). */
const PROMPT = "$";
const POLL_MS = 20;
// Generous: a loaded 2-core CI machine can take seconds to start a shell. npm test allows 60 s a test.
const DEFAULT_TIMEOUT_MS = 15_000;
/** tmux passes a command to its server in one message of at most 16 KiB. */
const TYPE_CHUNK = 2000;

let sessionCount = 0;

export async function startShell(kind: ShellKind, options: StartOptions): Promise<ShellSession> {
  if (!tmuxAvailable()) throw new Error("tmux is not installed");
  const dir = await mkdtemp(join(tmpdir(), "awsmfa-tmux-"));
  const socket = `awsmfa-${process.pid}-${++sessionCount}-${Math.random().toString(36).slice(2)}`;
  const setup = await shellSetup(kind, dir, options.rc ?? "");
  const config = join(dir, "tmux.conf");
  await writeFile(
    config,
    [
      'set -g default-terminal "xterm-256color"',
      "set -g status off",
      "set -g history-limit 50000",
      "set -g escape-time 0",
      "",
    ].join("\n"),
  );
  const env: Record<string, string> = {
    HOME: options.home,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    SHELL: setup.argv[0]!,
    ...setup.env,
    ...options.env,
  };
  const size = ["-x", String(options.width ?? 120), "-y", String(options.height ?? 40)];
  let closed = false;
  let socketPath: string | undefined;
  const target = ["-t", "awsmfa"];
  const run = (args: string[]) => tmux(socket, args);

  async function close() {
    if (closed) return;
    closed = true;
    await tmux(socket, ["kill-server"]).catch(() => undefined);
    // tmux leaves its socket file behind; removing it also ends the watchdog.
    if (socketPath) await rm(socketPath, { force: true });
    await rm(dir, { recursive: true, force: true });
  }

  async function screen() {
    const text = await run(["capture-pane", "-p", ...target]);
    return text.replace(/\s+$/, "");
  }

  /** Polls `check` until it returns a value; on timeout the error shows the screen. */
  async function poll<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await check().catch((error: unknown) => {
        throw new Error(`${kind}: ${what}: ${String(error)}`);
      });
      if (result !== undefined) return result;
      if (Date.now() > deadline) {
        const shown = await screen().catch((error: unknown) => `(no screen: ${String(error)})`);
        throw new Error(
          `${kind}: timed out after ${timeoutMs} ms ${what}. Screen:\n${shown}\n(end of screen)`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  const paneState = async () => {
    const [title = "", history = "0", cursorY = "0"] = (
      await run(["display-message", "-p", ...target, "#{pane_title}\t#{history_size}\t#{cursor_y}"])
    )
      .replace(/\n$/, "")
      .split("\t");
    return { title, history: Number(history), cursorY: Number(cursorY) };
  };

  const type = async (text: string) => {
    for (let i = 0; i < text.length; i += TYPE_CHUNK) {
      await run(["send-keys", ...target, "-l", "--", text.slice(i, i + TYPE_CHUNK)]);
    }
  };
  const press = async (...keys: string[]) => {
    if (keys.length > 0) await run(["send-keys", ...target, ...keys]);
  };

  /** Lines `from` (absolute: history lines count too) to the cursor, wrapped lines joined. */
  async function captureFrom(from: number) {
    const state = await paneState();
    const captured = await run([
      "capture-pane",
      "-p",
      "-J",
      ...target,
      "-S",
      String(from - state.history),
      "-E",
      String(state.cursorY),
    ]);
    return { state, lines: captured.replace(/\n$/, "").split("\n") };
  }

  let pending: { command: string; outputLine: number } | undefined;

  async function start(command: string) {
    if (pending) throw new Error(`${kind}: start() while "${pending.command}" is still running`);
    const before = await paneState();
    await type(command);
    // The output starts below the last line the command occupies once echoed. Line editors
    // differ in how they wrap long lines, so the harness looks rather than computes.
    const squash = (text: string) => text.replace(/\s+/g, "");
    const typed = squash(command.split("\n").at(-1) ?? "");
    const echoed = await poll(
      "waiting for the typed command to show",
      DEFAULT_TIMEOUT_MS,
      async () => {
        const { state, lines } = await captureFrom(before.history + before.cursorY);
        return squash(lines.join("")).endsWith(typed) ? state : undefined;
      },
    );
    pending = { command, outputLine: echoed.history + echoed.cursorY + 1 };
    // Marked busy only now, so a prompt drawn while typing cannot count as the command's end.
    await run(["select-pane", ...target, "-T", BUSY_TITLE]);
    await press("Enter");
  }

  async function finish(timeoutMs = DEFAULT_TIMEOUT_MS) {
    const current = pending;
    if (!current) throw new Error(`${kind}: finish() without start()`);
    const output = await poll(`waiting for "${current.command}" to finish`, timeoutMs, async () => {
      if ((await paneState()).title !== READY_TITLE) return undefined;
      const { lines } = await captureFrom(current.outputLine);
      const last = lines.pop()?.trimEnd() ?? "";
      // The title is set at the start of the prompt; wait until the prompt itself is drawn.
      if (!last.endsWith(PROMPT)) return undefined;
      const partial = last.slice(0, -PROMPT.length);
      if (partial !== "") lines.push(partial);
      const output = lines.map((line) => line.trimEnd()).join("\n");
      // fish marks output that lacks a final newline with ⏎ and starts the prompt below it.
      return kind === "fish" ? output.replace(/⏎$/, "") : output;
    });
    pending = undefined;
    return output;
  }

  try {
    const session = ["new-session", "-d", "-s", "awsmfa", "-c", options.home, ...size];
    await tmux(socket, ["-f", config, ...session, "--", ...setup.argv], env);
    socketPath = (await run(["display-message", "-p", "#{socket_path}"])).trim();
    await run(["run-shell", "-b", watchdog(socketPath)]);
    await poll("waiting for the first prompt", DEFAULT_TIMEOUT_MS, async () =>
      (await paneState()).title === READY_TITLE ? true : undefined,
    );
  } catch (error) {
    await close();
    throw error;
  }

  return {
    kind,
    socket,
    type,
    press,
    start,
    finish,
    async run(command, timeoutMs) {
      await start(command);
      return finish(timeoutMs);
    },
    async waitFor(pattern, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const matches = (text: string) =>
        typeof pattern === "string" ? text.includes(pattern) : pattern.test(text);
      return poll(`waiting for ${String(pattern)}`, timeoutMs, async () => {
        const text = await screen();
        return matches(text) ? text : undefined;
      });
    },
    screen,
    close,
  };
}
