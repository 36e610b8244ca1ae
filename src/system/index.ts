/**
 * src/system/ (base layer): the real world behind Deps: terminal, isatty, stdin, processes, the
 * PATH search, build info. May import the other base folders and deps.ts/errors.ts.
 *
 * Builds the real Deps from facts main.ts hands over. This file does not read `process`
 * itself, so everything that depends on the outside world is visible in main.ts.
 */
import { readlinkSync } from "node:fs";
import { hostname } from "node:os";
import type { Deps, Exec, FileSystem, Processes, SpawnInteractive, Terminal } from "../deps.ts";
import type { InterruptSignal } from "../errors.ts";
import { CheckedFolders } from "../fs/checked-folders.ts";
import { guardWrites } from "../fs/exit-cleanup.ts";
import { lockHostName } from "../fs/options.ts";
import { buildInfo } from "./build-info.ts";
import { spawnDetached } from "./spawn-detached.ts";
import type { ForwardedSignal } from "./spawn-interactive.ts";
import { syncFileSystem } from "./sync-fs.ts";
import { writer } from "./writer.ts";

export interface ProcessFacts {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** process.arch: which release asset `awsmfa upgrade` downloads. */
  arch: string;
  homedir: string;
  /** process.getuid() and getgid(), undefined on Windows: see Deps.uid. */
  uid?: number | undefined;
  gid?: number | undefined;
  execPath: string;
  /** process.argv[1]: the script when run by `bun src/main.ts`, a $bunfs path when compiled. */
  script: string | undefined;
  /** Whether a file descriptor is a terminal; asked lazily, at most once per descriptor. */
  isTerminal(fd: number): boolean;
  pid: number;
  /** process.kill: signal 0 asks whether a lock holder runs; SIGTERM ends a --notify timer. */
  kill(pid: number, signal: number | NodeJS.Signals): void;
  /** process.on(signal, handler), returning the matching process.off: for `awsmfa exec`. */
  onSignal(signal: ForwardedSignal, handler: () => void): () => void;
  /**
   * process.listenerCount and process.exit, for the guard of writes (fs/exit-cleanup.ts): a
   * signal nothing else listens for removes this process's temp files and locks, then exits.
   * Without them (some tests' facts), a signal during a write keeps its default.
   */
  listenerCount?(signal: InterruptSignal): number;
  exit?(code: number): void;
  /**
   * The names of an environment handed to a child, on Windows (windows-env.ts childSpelling:
   * awsmfa's own upper-case env back to the caller's spelling); elsewhere none is needed.
   */
  childNames?: ChildNames | undefined;
}

type ChildEnv = Record<string, string | undefined>;
type ChildNames = (env: Readonly<ChildEnv>) => ChildEnv;

export function realDeps(facts: ProcessFacts): Deps {
  const known = new Map<number, boolean>();
  const terminalFd = (fd: number) => {
    if (!known.has(fd)) known.set(fd, facts.isTerminal(fd));
    return known.get(fd)!;
  };
  const compiled = facts.script === undefined || facts.script.includes("$bunfs");
  let terminal: Terminal | null | undefined;
  return {
    env: facts.env,
    io: {
      readLine: async (timeoutMs) => (await import("./stdin.ts")).readLineWithin(0, timeoutMs),
      get stdinIsTTY() {
        return terminalFd(0);
      },
      stdout: writer(1, terminalFd, facts.platform),
      stderr: writer(2, terminalFd),
    },
    clock: {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
    fs: guardedFileSystem(facts),
    exec: childNamed(lazyExec(facts), facts.childNames),
    terminal() {
      if (terminal === undefined) {
        // Loaded when a run first opens the terminal (a question, a prompt): most never do.
        // Required, not imported: Deps.terminal() answers at once.
        const { openTerminal } = require("./terminal.ts") as typeof import("./terminal.ts");
        terminal = openTerminal(
          facts.platform,
          (handler) => facts.onSignal("SIGINT", handler),
          facts.pid,
        );
      }
      return terminal;
    },
    platform: facts.platform,
    arch: facts.arch,
    homedir: facts.homedir,
    uid: facts.uid,
    gid: facts.gid,
    folderChecks: new CheckedFolders(() => Date.now()),
    selfPath: facts.execPath,
    selfCommand: compiled || !facts.script ? [facts.execPath] : [facts.execPath, facts.script],
    build: buildInfo(),
    processes: processesOf(facts),
    spawnInteractive: interactiveNamed(lazyInteractive(facts), facts.childNames),
    onInterrupt: interruptsOf(facts.onSignal),
    background: {
      spawn: (file, args, env) => spawnDetached(file, args, facts.childNames?.(env) ?? env),
      stop(pid) {
        try {
          facts.kill(pid, "SIGTERM");
          return true;
        } catch {
          return false;
        }
      },
    },
    // No fault is armed in the product; tests/support/fault-main.ts arms them for crash tests.
    hooks: {},
  };
}

/*
 * What runs the programs awsmfa waits on (code sources, `exec`'s program, the browser) and
 * reads stdin is loaded at its first use: most runs start none and read no stdin (a login
 * with its code, list, status, --help), and loading it cost each ~0.15 ms.
 */
function lazyExec(facts: ProcessFacts): Exec {
  let loaded: Promise<Exec> | undefined;
  return async (file, args, options) => {
    loaded ??= import("./child-guard.ts").then(({ guardedExec }) => guardedExec(facts));
    return (await loaded)(file, args, options);
  };
}

function lazyInteractive(facts: ProcessFacts): SpawnInteractive {
  let loaded: Promise<SpawnInteractive> | undefined;
  return async (file, args, options) => {
    loaded ??= import("./spawn-interactive.ts").then(({ spawnInteractive }) =>
      spawnInteractive(facts),
    );
    return (await loaded)(file, args, options);
  };
}

/** Deps.exec with each child's environment named by `names` (ProcessFacts.childNames). */
function childNamed(exec: Deps["exec"], names: ChildNames | undefined): Deps["exec"] {
  if (!names) return exec;
  return (file, args, options) =>
    exec(file, args, options?.env ? { ...options, env: names(options.env) } : options);
}

function interactiveNamed(
  spawn: Deps["spawnInteractive"],
  names: ChildNames | undefined,
): Deps["spawnInteractive"] {
  if (!names) return spawn;
  return (file, args, options) => spawn(file, args, { ...options, env: names(options.env) });
}

/** SIGINT, SIGTERM and SIGHUP to one handler, while it is on (Deps.onInterrupt). */
function interruptsOf(onSignal: NonNullable<ProcessFacts["onSignal"]>) {
  return (handler: (signal: InterruptSignal) => void) => {
    const offs = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) =>
      onSignal(signal, () => handler(signal)),
    );
    return () => {
      for (const off of offs) off();
    };
  };
}

/** The file system of the run, its writes guarded against signals where the facts allow. */
function guardedFileSystem(facts: ProcessFacts): FileSystem {
  const fs = syncFileSystem();
  const { listenerCount, exit } = facts;
  if (!listenerCount || !exit) return fs;
  const onInterrupt = interruptsOf(facts.onSignal);
  guardWrites(fs, {
    // Alone: nothing else (a lock wait, the MFA lock, exec passing it on) takes this signal.
    onLoneSignal: (handler) =>
      onInterrupt((signal) => {
        if (listenerCount(signal) === 1) handler(signal);
      }),
    exit,
  });
  return fs;
}

function processesOf(facts: ProcessFacts): Processes {
  let host: string | undefined;
  return {
    pid: facts.pid,
    // Asked only by writes, so start-up reads nothing for it.
    get host() {
      host ??= lockHostName(hostname(), pidNamespaceLink(facts.platform));
      return host;
    },
    isAlive(pid) {
      try {
        facts.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: it exists but belongs to someone else. Only ESRCH proves it is gone.
        return (error as NodeJS.ErrnoException).code !== "ESRCH";
      }
    },
  };
}

function pidNamespaceLink(platform: NodeJS.Platform): string | undefined {
  if (platform !== "linux") return undefined;
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return undefined;
  }
}
