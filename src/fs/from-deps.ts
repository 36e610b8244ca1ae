/**
 * How app code fills the file-writing options from Deps. Apart from options.ts because it
 * names UpdateOptions (update.ts), and update.ts leans on lock.ts, which needs options.ts:
 * one file for both made an import cycle.
 */
import type { Clock, Deps } from "../deps.ts";
import type { UpdateOptions } from "./update.ts";

/** The options every app write should use: real clock, this process, the fault hooks. */
export function fileOptionsFrom(
  // onInterrupt only matters to writes that wait for a lock; cache files never do.
  deps: Pick<Deps, "clock" | "processes" | "hooks"> & Partial<Pick<Deps, "onInterrupt">>,
): UpdateOptions & { clock: Clock } {
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
