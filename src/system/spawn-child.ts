/**
 * Starts a program with exactly the environment it is given. Bun's node:child_process copies
 * that environment into a plain object by assignment (`bunEnv[key] = value`), and assigning
 * a string to `__proto__` sets nothing: a variable named __proto__ never reached the program
 * (`awsmfa exec`'s, a code source's, the notify timer's). Bun.spawn reads the object it is
 * given as it is, so a child whose environment holds that name is started with it, behind
 * the ChildProcess members awsmfa uses (pid, kill, unref, stdin/stdout/stderr, the exit,
 * close and error events); every other child, and every child without Bun, keeps node's
 * spawn, as before.
 */
import type { ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";

/**
 * node:child_process, loaded on first use (~1 ms of start-up): most runs start no program, and
 * `require` keeps the callers synchronous (spawnDetached answers with the pid at once).
 */
export function childProcess(): typeof import("node:child_process") {
  loadedChildProcess ??= require("node:child_process") as typeof import("node:child_process");
  return loadedChildProcess;
}
let loadedChildProcess: typeof import("node:child_process") | undefined;

type Stdio = "inherit" | "ignore" | "pipe";

export interface ChildOptions {
  env: Readonly<Record<string, string | undefined>> | undefined;
  stdio: Stdio | readonly [Stdio, Stdio, Stdio];
  cwd?: string | undefined;
  detached?: boolean;
  windowsHide?: boolean;
}

/** The part of node's ChildProcess that awsmfa's callers use. */
export type Child = Pick<ChildProcess, "pid" | "kill" | "unref" | "on" | "stdin"> & {
  stdout: Readable | null;
  stderr: Readable | null;
};

/** A Child started with stdio "pipe": its three streams are there. */
export type PipedChild = Child & {
  stdin: NonNullable<Child["stdin"]>;
  stdout: Readable;
  stderr: Readable;
};

export function spawnChild(file: string, args: readonly string[], options: ChildOptions): Child {
  if (options.env && Object.hasOwn(options.env, "__proto__") && typeof Bun !== "undefined") {
    return bunChild(file, args, options);
  }
  return childProcess().spawn(file, [...args], {
    env: options.env as NodeJS.ProcessEnv | undefined,
    stdio: options.stdio as "pipe",
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    ...(options.detached !== undefined && { detached: options.detached }),
    ...(options.windowsHide !== undefined && { windowsHide: options.windowsHide }),
  });
}

/** Bun.spawn, shaped as the ChildProcess members above. Throws as node's spawn does in Bun. */
function bunChild(file: string, args: readonly string[], options: ChildOptions): Child {
  // Loaded here, as node:child_process is: only a child with such an environment needs them.
  const { EventEmitter } = require("node:events") as typeof import("node:events");
  const { Readable } = require("node:stream") as typeof import("node:stream");
  const events = new EventEmitter();
  const stdio =
    typeof options.stdio === "string"
      ? [options.stdio, options.stdio, options.stdio]
      : options.stdio;
  const proc = Bun.spawn({
    cmd: [file, ...args],
    env: options.env as Record<string, string>,
    stdio: [stdio[0]!, stdio[1]!, stdio[2]!],
    ...(options.cwd !== undefined && { cwd: options.cwd }),
    detached: options.detached === true,
    windowsHide: options.windowsHide === true,
  });
  const readable = (stream: unknown) =>
    stream instanceof ReadableStream ? Readable.fromWeb(stream as never) : null;
  const stdout = readable(proc.stdout);
  const stderr = readable(proc.stderr);
  const sink = typeof proc.stdin === "object" && proc.stdin !== null ? proc.stdin : undefined;
  const stdin = sink && {
    on: () => stdin,
    end: (text?: string) => {
      // The program may end without reading its input; that is its business (a write or
      // end that fails then, at once or later, is no error of awsmfa's).
      const quietly = (step: () => unknown) => {
        try {
          Promise.resolve(step()).catch(() => {});
        } catch {}
      };
      if (text) quietly(() => sink.write(text));
      quietly(() => sink.end());
      return stdin;
    },
  };
  const status = () => [proc.exitCode, (proc.signalCode as NodeJS.Signals | null) ?? null];
  void proc.exited.then(() => events.emit("exit", ...status()));
  // "close": once it has ended and its output has been read, as node says it.
  const drained = (stream: Readable | null) =>
    stream ? new Promise<void>((done) => stream.once("close", () => done())) : Promise.resolve();
  void Promise.all([proc.exited, drained(stdout), drained(stderr)]).then(() =>
    events.emit("close", ...status()),
  );
  const child = {
    pid: proc.pid,
    stdin,
    stdout,
    stderr,
    kill: (signal?: NodeJS.Signals | number) => {
      proc.kill(signal);
      return true;
    },
    unref: () => proc.unref(),
    on: (event: string, listener: (...args: never[]) => void) => {
      events.on(event, listener as (...args: unknown[]) => void);
      return child;
    },
  };
  return child as unknown as Child;
}
