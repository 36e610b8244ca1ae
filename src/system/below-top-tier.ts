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
 * are affected, so modules mark their functions when they are loaded (only `list` loads them).
 */

/** A function, or a class (its constructor). */
type Code = ((...args: never[]) => unknown) | (abstract new (...args: never[]) => unknown);
type Marker = (fn: Code) => void;

/** bun:jsc's noFTL, when running under Bun. */
const noFTL = ((): Marker | undefined => {
  if (typeof Bun === "undefined") return undefined;
  try {
    return (require("bun:jsc") as { noFTL?: Marker }).noFTL;
  } catch {
    return undefined;
  }
})();

/** Marks each function: never compiled with FTL (see above). */
export function belowTopTier(...functions: Code[]): void {
  if (noFTL) for (const fn of functions) noFTL(fn);
}
