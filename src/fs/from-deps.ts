/**
 * How app code fills the file-writing options from Deps. Apart from options.ts because it
 * names UpdateOptions (update.ts), and update.ts leans on lock.ts, which needs options.ts:
 * one file for both made an import cycle.
 */
import type { Clock, Deps } from "../deps.ts";
import type { UpdateOptions } from "./update.ts";

// onInterrupt only matters to writes that wait for a lock; cache files never do.
type OptionDeps = Pick<Deps, "clock" | "processes" | "hooks"> & Partial<Pick<Deps, "onInterrupt">>;

/**
 * The options every write of the user's files (and every lock) should use: real clock, this
 * process, the fault hooks, and stderr for the warning of a folder fsync the disk failed
 * (fs/folder.ts). io is required, so that no writer of the user's files can leave it out and
 * say "saved" over a failed flush in silence.
 *
 * The warning is said once per folder and run (per stderr): a command that writes more than
 * once (configure --move-keys, a login of several profiles, configure's config and
 * credentials) said the same thing after each write.
 */
export function fileOptionsFrom(
  deps: OptionDeps & Pick<Deps, "io">,
): UpdateOptions & { clock: Clock } {
  const { io } = deps;
  const folders = WARNED_FOLDERS.get(io.stderr) ?? new Set<string>();
  WARNED_FOLDERS.set(io.stderr, folders);
  const warn = (line: string, folder: string) => {
    if (folders.has(folder)) return;
    folders.add(folder);
    io.stderr.write(`${line}\n`);
  };
  return { ...processOptionsFrom(deps), warn };
}

/** The folders already warned about, by the run's stderr. */
const WARNED_FOLDERS = new WeakMap<object, Set<string>>();

/**
 * The same for files awsmfa can make again (the cache folder's): written with `durable: false`,
 * they are never flushed, so there is no folder fsync to warn about and no stderr to pass.
 */
export function unflushedFileOptionsFrom(deps: OptionDeps): UpdateOptions & { clock: Clock } {
  return { ...processOptionsFrom(deps), durable: false };
}

function processOptionsFrom(deps: OptionDeps): UpdateOptions & { clock: Clock } {
  const { processes, hooks, onInterrupt } = deps;
  return {
    clock: deps.clock,
    ...(onInterrupt && { onInterrupt }),
    pid: processes.pid,
    isAlive: (pid: number) => processes.isAlive(pid),
    ...(processes.host !== undefined && { host: processes.host }),
    hooks,
  };
}
