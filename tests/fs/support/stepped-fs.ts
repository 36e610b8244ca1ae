/**
 * A FileSystem that awaits `before(step, name, path)` ahead of every call (on the file system
 * and on the handles it opens). A test uses it to stop one process-like actor between any two
 * of its steps and let others act there: one injection point after another, every
 * interleaving of "something happens" with the actor's sequence is tried in turn.
 */
import type { FileSystem } from "../../../src/deps.ts";

export type BeforeStep = (step: number, name: string, path: string) => Promise<void>;

export function steppedFs(fs: FileSystem, before: BeforeStep): FileSystem {
  let step = 0;
  const stepped = <T extends object>(target: T, path: string): T =>
    new Proxy(target, {
      get(object, key) {
        const value = Reflect.get(object, key, object);
        if (typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          const on = target === fs ? String(args[0]) : path;
          await before(++step, String(key), on);
          const result = await value.apply(object, args);
          return key === "open" ? stepped(result, on) : result;
        };
      },
    });
  return stepped(fs, "");
}
