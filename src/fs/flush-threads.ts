/**
 * The threads an fsync runs on, started ahead. Deps.fs makes its calls synchronously except
 * the fsyncs (system/sync-fs.ts), which go to the runtime's thread pool; its threads are made
 * at its first call: in a fresh login that was the fsync of [PROFILE]'s temp file, right after
 * AWS answered, where making them cost the main thread ~0.6 ms (stacks, clone) and the fsync
 * a further ~1.5 ms before it began. A login that will write the credentials file has them
 * made while GetSessionToken is out, by one call on the pool that changes nothing.
 */
import type { FileSystem } from "../deps.ts";

/** Starts the pool with a look at `path` (any answer will do; none is waited for). */
export function startFlushThreads(fs: Pick<FileSystem, "access">, path: string): void {
  fs.access(path).catch(() => {});
}
