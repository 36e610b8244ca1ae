/**
 * The Deps of the fast path: the real environment, clock and file reads, and nothing that
 * could act before the fast path knows it can finish. Files are read with synchronous calls
 * behind the async FileSystem interface (no fs/promises thread pool to start); every write,
 * prompt, program or wait throws FallThrough instead; stdout and stderr are held back and
 * written only when the whole command has succeeded, so a fall-through leaves no trace and the
 * full CLI starts from scratch.
 */
import { constants } from "node:fs";
import type { BuildInfo, Deps, FileSystem, Writer } from "../../deps.ts";
import { syncFileSystem } from "../../system/sync-fs.ts";
import { writer } from "../../system/writer.ts";
import { FallThrough } from "./fall-through.ts";

export interface FastFacts {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** process.arch: which libc calls the lean tier may make (system/libc-files.ts). */
  arch?: string;
  homedir: string;
  /** process.getuid() and getgid() (undefined on Windows): whose cache folder is ours. */
  uid?: number | undefined;
  gid?: number | undefined;
  execPath: string;
  isTerminal(fd: number): boolean;
  /** Where stdout and stderr go in the end (default: the real ones, as the full CLI writes). */
  writers?: { 1: Writer; 2: Writer };
}

export interface FastWorld {
  deps: Deps;
  /** Writes what the command said, in the order it said it. */
  flush(): void;
}

const WRITING =
  constants.O_WRONLY |
  constants.O_RDWR |
  constants.O_CREAT |
  constants.O_TRUNC |
  constants.O_APPEND;

function refuse(what: string): () => never {
  return () => {
    throw new FallThrough(what);
  };
}

/**
 * The real file system (system/sync-fs.ts: the same synchronous calls and error objects as the
 * full CLI's) for reading: open only without a writing flag, and every call that could change
 * something falls through before touching anything.
 */
function readOnlyFs(): FileSystem {
  const real = syncFileSystem();
  const open: typeof real.open = async (path, flags, mode) => {
    if (typeof flags !== "number" || (flags & WRITING) !== 0) throw new FallThrough("a write");
    return real.open(path, flags, mode);
  };
  const fs: FileSystem = { ...real, open };
  const writes = [
    "writeFile",
    "rename",
    "mkdir",
    "unlink",
    "chmod",
    "rm",
    "rmdir",
    "link",
    "readdir",
  ];
  for (const name of writes) Object.assign(fs, { [name]: refuse(name) });
  return fs;
}

/**
 * Only --version, doctor and upgrade print the build: not worth loading package.json for.
 * Getters inside (not on Deps itself), so that `{ ...deps }` (terminalOnly) does not ask.
 */
const unknownBuild: BuildInfo = {
  get version(): string {
    throw new FallThrough("build info");
  },
  get commit(): string {
    throw new FallThrough("build info");
  },
};

export function fastWorld(facts: FastFacts): FastWorld {
  const known = new Map<number, boolean>();
  const terminalFd = (fd: number) => {
    if (!known.has(fd)) known.set(fd, facts.isTerminal(fd));
    return known.get(fd)!;
  };
  const said: Array<[1 | 2, string]> = [];
  const held = (fd: 1 | 2): Writer => ({
    write: (text) => {
      said.push([fd, text]);
    },
    get isTTY() {
      return terminalFd(fd);
    },
  });
  const deps: Deps = {
    env: facts.env,
    io: {
      readLine: refuse("reading stdin"),
      get stdinIsTTY() {
        return terminalFd(0);
      },
      stdout: held(1),
      stderr: held(2),
    },
    clock: { now: () => Date.now(), sleep: refuse("a wait") },
    fs: readOnlyFs(),
    exec: refuse("running a program"),
    terminal: refuse("the terminal"),
    platform: facts.platform,
    homedir: facts.homedir,
    uid: facts.uid,
    gid: facts.gid,
    selfPath: facts.execPath,
    selfCommand: [facts.execPath],
    build: unknownBuild,
    // Only `awsmfa upgrade` reads arch, and it never runs here. Not a getter that falls
    // through: terminalOnly spreads the Deps, which would read it.
    arch: "",
    // What only the full CLI does: asking for any of it falls through to it.
    processes: {
      get pid(): number {
        throw new FallThrough("a lock");
      },
      isAlive: refuse("a lock"),
    },
    spawnInteractive: refuse("running a program"),
    background: { spawn: refuse("a background program"), stop: refuse("a background program") },
    // The fast path never waits for a lock (processes above falls through first).
    onInterrupt: refuse("a lock wait"),
    hooks: {},
  };
  return {
    deps,
    flush() {
      const real = facts.writers ?? {
        1: writer(1, terminalFd, facts.platform),
        2: writer(2, terminalFd),
      };
      for (const [fd, text] of said) real[fd].write(text);
    },
  };
}
