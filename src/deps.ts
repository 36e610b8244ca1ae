/**
 * The world as the rest of awsmfa sees it. Only main.ts builds a real one (realDeps); tests
 * build theirs with tests/support/test-deps.ts testDeps(), which gives every member a harmless
 * default. Nothing outside main.ts reads `process`.
 */
import type * as fsPromises from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import type { InterruptSignal } from "./errors.ts";

/** A sink for text. Writes are synchronous so nothing is lost when the process exits. */
export interface Writer {
  write(text: string): void;
  /**
   * write() of bytes that are printable ASCII and line feeds (which write() would send as they
   * are), for a caller that has bytes already: `list`'s table (commands/list/table-pieces.ts)
   * is made as bytes, and decoding it to be encoded again cost ~8 ms at 100,000 profiles.
   * Optional: without it the bytes are decoded and written as text.
   */
  writeBytes?(bytes: Uint8Array): void;
  /** True when this stream is an interactive terminal. */
  readonly isTTY: boolean;
}

export interface Io {
  /**
   * One line from standard input without its line ending (for `--otp -` and
   * `--secret-access-key -`), or null at end of input. Reads no further than that line.
   * undefined when no line came within `timeoutMs` (a writer that never writes).
   */
  readLine(timeoutMs: number): Promise<string | null | undefined>;
  stdinIsTTY: boolean;
  stdout: Writer;
  stderr: Writer;
}

/**
 * The controlling terminal (/dev/tty, or the Windows console), used for prompts so that stdout
 * stays free for shell code and stderr free for messages. Opened lazily, once per process.
 */
export interface Terminal {
  input: Readable;
  /** A fresh output stream for one prompt: prompts end their stream when done. */
  output(): Writable;
  /** Write text for the person at the terminal. */
  write(text: string): void;
  /**
   * Calls `lost` once if this process, in the terminal's foreground when asked, leaves it
   * (the program that started awsmfa was killed and the shell took the terminal back).
   * Returns the stop. Absent where it cannot be told.
   */
  watchForeground?(lost: () => void): () => void;
}

export interface ExecOptions {
  env?: Record<string, string | undefined>;
  /** Kill the child after this many milliseconds. */
  timeoutMs?: number;
  /** Text written to the child's stdin (then closed). */
  input?: string;
  cwd?: string;
  /** Most characters kept per stream; past it the child is killed (default MAX_CHILD_OUTPUT). */
  maxOutput?: number;
}

export interface ExecResult {
  /** Exit code, or null when killed by a signal or the timeout. */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The child printed more than maxOutput on a stream and was killed for it. */
  overflowed?: boolean;
  /** Set when the program could not be started (e.g. ENOENT: not installed). */
  spawnError?: NodeJS.ErrnoException;
}

/** Runs a program without a shell; arguments are passed as an array, never as one string. */
export type Exec = (
  file: string,
  args: readonly string[],
  options?: ExecOptions,
) => Promise<ExecResult>;

export interface InteractiveResult {
  /** Exit code, or null when the program was killed by a signal or could not start. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started (ENOENT: no such command; EACCES). */
  spawnError?: NodeJS.ErrnoException;
}

/**
 * Runs a program on the terminal (stdio inherited), passing SIGINT, SIGTERM and SIGHUP on to
 * it, and resolves when it ends. Used by `awsmfa exec`; no secret goes on its argv.
 */
export type SpawnInteractive = (
  file: string,
  args: readonly string[],
  options: { env: Record<string, string | undefined> },
) => Promise<InteractiveResult>;

export type FileSystem = Pick<
  typeof fsPromises,
  | "readFile"
  | "writeFile"
  | "open"
  | "rename"
  | "mkdir"
  | "stat"
  | "lstat"
  | "realpath"
  | "unlink"
  | "chmod"
  | "readdir"
  | "rm"
  | "rmdir"
  | "readlink"
  | "link"
  | "access"
>;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface BuildInfo {
  version: string;
  commit: string;
}

export interface Deps {
  env: Readonly<Record<string, string | undefined>>;
  io: Io;
  clock: Clock;
  fs: FileSystem;
  exec: Exec;
  /** The terminal to prompt on, or null when there is none (CI, cron, piped ssh). */
  terminal(): Terminal | null;
  platform: NodeJS.Platform;
  /** process.arch (x64, arm64): which release asset `awsmfa upgrade` downloads. */
  arch: string;
  homedir: string;
  /**
   * This process's user id (process.getuid), for telling our own user's programs from other
   * users' on 127.0.0.1, and awsmfa's own folders and files from another user's
   * (fs/private-folder.ts); undefined on Windows (unknown: nothing is judged by owner).
   */
  uid: number | undefined;
  /** process.getgid(): a group-writable folder of this user and group passes as theirs. */
  gid: number | undefined;
  /**
   * awsmfa's private folders found safe a moment ago, so that one login walks each once
   * (fs/private-folder.ts CheckedFolders); the real Deps has one per run, test Deps none
   * unless a test gives one (then each check walks again, as tests that change modes need).
   */
  folderChecks?:
    | { get(key: string): string | undefined; set(key: string, path: string): void }
    | undefined;
  /** Absolute path of the awsmfa executable, for generated shell code and credential_process. */
  selfPath: string;
  /** Arguments that re-run this program (the binary, or `bun src/main.ts` in development). */
  selfCommand: readonly string[];
  build: BuildInfo;
  /** This process and its neighbours, for lock files: whose lock is it, is its holder alive. */
  processes: Processes;
  /** For `awsmfa exec`. */
  spawnInteractive: SpawnInteractive;
  /** Programs that outlive this one (the --notify timer). */
  background: Background;
  /**
   * Calls `handler` on SIGINT, SIGTERM or SIGHUP until the returned off is called: for waits
   * that must end cleanly (a lock wait releases what it holds, exit 128 + the signal's number)
   * instead of dying with their locks and claim files left behind. Test Deps catch nothing.
   */
  onInterrupt(handler: (signal: InterruptSignal) => void): () => void;
  /** Where a crash test's Deps may end the process mid-change; the real Deps arms none. */
  hooks: FaultHooks;
}

/**
 * The worst moments of a change, named so that crash tests can end the process there and
 * check that the user's files survive (tests/support/fault-main.ts arms them).
 */
export interface FaultHooks {
  /** A file write has written and flushed its temp file, just before the rename. */
  /** A promise holds the write there until it settles (the signal tests pause a write). */
  afterTempWritten?(path: string): void | Promise<void>;
  /** After each numbered step of a multi-step change (keys move, keys rotate). */
  afterStep?(step: number): void;
}

export interface Background {
  /**
   * Starts `file args` detached: in its own session, with no stdin, stdout or stderr, so it
   * neither holds a captured stdout open nor dies with the terminal. Its pid, or undefined.
   */
  spawn(
    file: string,
    args: readonly string[],
    env: Record<string, string | undefined>,
  ): number | undefined;
  /** Asks process `pid` to end (SIGTERM). False when there is no such process. */
  stop(pid: number): boolean;
}

export interface Processes {
  /** The id of this process. */
  pid: number;
  /** False only when no process with this id exists on this host. */
  isAlive(pid: number): boolean;
  /** This host as lock files name it (fs/options.ts lockHostName); default: the hostname. */
  readonly host?: string;
}
