import type { Clock } from "../../../src/deps.ts";

/**
 * A clock whose sleep returns at once and moves time forward, so waiting for a lock for ten
 * seconds takes microseconds. `onSleep` lets a test act while the waiter is "asleep".
 */
export function fakeClock(start = Date.now(), onSleep?: (slept: number) => void) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    async sleep(ms) {
      now += ms;
      sleeps.push(ms);
      onSleep?.(sleeps.length);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  return { clock, sleeps, elapsed: () => now - start };
}
