/**
 * belowTopTier keeps a hot function out of JavaScriptCore's FTL tier (and only that): run
 * hot for a while under the sampling profiler, a marked function is sampled in the DFG tier
 * and never in FTL, while its unmarked twin reaches FTL (so the test can see the tier).
 */

import { profile } from "bun:jsc";
import { expect, test } from "bun:test";
import { belowTopTier, keepBelowTopTier } from "../../src/system/below-top-tier.ts";

function marked(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum = (sum + i * 7) % 1_000_003;
  return sum;
}

function unmarked(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum = (sum + i * 7) % 1_000_003;
  return sum;
}

belowTopTier(marked);
keepBelowTopTier();

/** The tiers `fn` was sampled in, run hot for `ms` (JITType of "fn#hash:JITType:bytecode"). */
function tiersOf(fn: (n: number) => number, ms: number): Set<string> {
  const hot = (f: (n: number) => number) => {
    let total = 0;
    for (const end = performance.now() + ms; performance.now() < end; ) total += f(1000);
    return total;
  };
  const { bytecodes } = profile(hot, 100, fn) as unknown as { bytecodes: string };
  const tiers = new Set<string>();
  for (const match of bytecodes.matchAll(new RegExp(`'${fn.name}#[^:']*:(\\w+):`, "g"))) {
    tiers.add(match[1]!);
  }
  return tiers;
}

test("a marked function stays below FTL; its unmarked twin reaches it", () => {
  // On a busy machine the background compile may take a while: up to 3 s for the twin, and
  // the marked function runs at least as long as the twin needed.
  let rounds = 0;
  let twin = new Set<string>();
  while (!twin.has("FTL") && rounds < 8) {
    twin = tiersOf(unmarked, 400);
    rounds++;
  }
  expect(twin.has("FTL")).toBe(true);
  const tiers = new Set<string>();
  for (let i = 0; i < rounds + 1; i++) for (const tier of tiersOf(marked, 400)) tiers.add(tier);
  expect(tiers.has("DFG")).toBe(true);
  expect(tiers.has("FTL")).toBe(false);
}, 20_000);

test("classes and functions alike can be marked, more than once", () => {
  class Hot {
    run(): number {
      return 1;
    }
  }
  expect(() => belowTopTier(Hot, Hot.prototype.run, marked)).not.toThrow();
  expect(() => keepBelowTopTier()).not.toThrow();
  expect(() => keepBelowTopTier()).not.toThrow();
});
