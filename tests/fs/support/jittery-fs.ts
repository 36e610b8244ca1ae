/**
 * A FileSystem that sleeps a random 0..maxDelayMs before every call, on the file system and on
 * every file handle it opens, so that processes sharing one file interleave their steps in
 * orders a quiet machine almost never shows: a heavily loaded machine, made reproducible.
 */
import type { FileSystem } from "../../../src/deps.ts";

export function jitteryFs(fs: FileSystem, maxDelayMs: number, random = Math.random): FileSystem {
  const pause = () => {
    // A third of the calls only yield: bursts of back-to-back steps are interleavings too.
    const roll = random();
    if (roll < 1 / 3) return Promise.resolve();
    const ms = (roll - 1 / 3) * 1.5 * maxDelayMs;
    return new Promise<void>((resolve) => setTimeout(resolve, ms));
  };
  const jittered = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        const value = Reflect.get(object, key, object);
        if (typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          await pause();
          const result = await value.apply(object, args);
          return key === "open" ? jittered(result) : result;
        };
      },
    });
  return jittered(fs);
}
