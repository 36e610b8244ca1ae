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
 */
export function fileOptionsFrom(
  deps: OptionDeps & Pick<Deps, "io">,
): UpdateOptions & { clock: Clock } {
  const { io } = deps;
  return { ...processOptionsFrom(deps), warn: (line) => io.stderr.write(`${line}\n`) };
}

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
