/**
 * Keeps the hot functions of `list` out of JavaScriptCore's top compiler tier (FTL), where
 * the runtime offers that (Bun's `bun:jsc` noFTL); elsewhere it does nothing.
 *
 * Why: at 100,000 profiles each phase of `list` (scan, summaries, table) runs for 15-120 ms.
 * JavaScriptCore compiles a function that stays hot with its FTL tier on background threads,
 * and those compiles took ~40% of the run's CPU (a function that inlines the summary's
 * lookups took 92 ms to compile, after the ~55 ms phase it serves had ended): the FTL code
 * mostly arrives too late to be run, while the compiles compete with the main thread for the
 * cores. The DFG tier below it compiles in a few milliseconds. Measured (interleaved, 100,000
 * profiles, load ~5): CPU 520 -> 375 ms, wall 507-562 -> 380 ms. Main thread alone: unchanged.
 *
 * A function marked keeps its baseline and DFG tiers; only compiles that start after the call
 * are affected: modules name their hot functions when they load, and `list` marks them
 * before its first pass when the files are large (below that, nothing gets hot enough).
 */

/** A function, or a class (its constructor). */
type Code = ((...args: never[]) => unknown) | (abstract new (...args: never[]) => unknown);
type Marker = (fn: Code) => void;

const pending: Code[] = [];

/**
 * Names functions to keep below FTL: noted only, when a module loads (`--help` loads the
 * modules of every command, and loading bun:jsc costs ~0.4 ms), and marked by
 * keepBelowTopTier.
 */
export function belowTopTier(...functions: Code[]): void {
  pending.push(...functions);
}

/** Marks every function named so far, once, where the runtime can (Bun's bun:jsc noFTL). */
export function keepBelowTopTier(): void {
  if (pending.length === 0 || typeof Bun === "undefined") return;
  let noFTL: Marker | undefined;
  try {
    noFTL = (require("bun:jsc") as { noFTL?: Marker }).noFTL;
  } catch {
    return;
  }
  if (noFTL) for (const fn of pending) noFTL(fn);
  pending.length = 0;
}
