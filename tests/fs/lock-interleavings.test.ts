/**
 * The lock's races, replayed deterministically: one party is stopped before each of its file
 * system steps in turn (steppedFs), others act at that point, and the test checks that there
 * were never two holders at once and that nothing was left behind. Each scenario is a race
 * the stress test (stress.test.ts) found or that reasoning about the code predicted.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { updateFile } from "../../src/fs/update.ts";
import { fakeClock } from "./support/fake-clock.ts";
import { host, lockWorld } from "./support/lock-world.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";
import { steppedFs } from "./support/stepped-fs.ts";

/** Injection points tried per scenario: more than any party below takes steps. */
const steps = Array.from({ length: 40 }, (_, i) => i + 1);
const hour = 3_600_000;
const noHardLinks: FileSystem = {
  ...fs,
  link: () => Promise.reject(Object.assign(new Error("EPERM: no hard links"), { code: "EPERM" })),
};

describe("a waiter W judged the lock of H, which is gone; meanwhile X took the lock", () => {
  test.each([
    ["H released it and exited", "released"],
    ["H had died and another waiter broke its lock first", "broken"],
  ])("%s: neither W nor anyone else gets in while X holds", async (_label, how) => {
    for (const k of steps) {
      const world = lockWorld();
      world.plantLock(3000);
      // H lives until it releases; or it died before anyone looked.
      if (how === "released") world.alive.add(3000);
      const end = Promise.withResolvers<void>();
      let x: Awaited<ReturnType<typeof world.hold>> | undefined;
      const wFs = steppedFs(fs, async (step) => {
        if (step === k) {
          if (how === "released") {
            rmSync(world.lockPath);
            world.alive.delete(3000);
          }
          x = await world.hold({ name: "X", pid: 2000 }, () => end.promise);
          await x.got;
        } else if (x) {
          await world.probe({ name: "R", pid: 4000 });
        }
      });
      const w = world.hold({
        name: "W",
        pid: 1000,
        fs: wFs,
        clock: fakeClock().clock,
        timeoutMs: 300,
      });
      await (await w).done;
      end.resolve();
      await x?.done;
      expect({ k, overlaps: world.overlaps }).toEqual({ k, overlaps: [] });
      expect({ k, left: leftovers(world.dir) }).toEqual({ k, left: [] });
      world.dispose();
    }
  });
});

describe("a holder on this host keeps its lock while it lives", () => {
  test.each([
    ["a clock an hour ahead (it jumped, or the holder slept)", hour, undefined],
    ["a clock an hour behind", -hour, undefined],
    ["a tiny staleMs: the lock is 100 times older than that", 1000, 10],
  ])("a rival with %s does not break it", async (_label, offset, staleMs) => {
    const world = lockWorld();
    const end = Promise.withResolvers<void>();
    const x = await world.hold({ name: "X", pid: 2000 }, () => end.promise);
    expect(await x.got).toBe(true);
    const clock = fakeClock(Date.now() + offset).clock;
    expect(await world.probe({ name: "R", pid: 4000, clock, staleMs })).toBe(false);
    end.resolve();
    await x.done;
    expect(world.overlaps).toEqual([]);
    expect(existsSync(world.lockPath)).toBe(false);
    world.dispose();
  });

  test.each([
    ["", fs],
    [" (a file system without hard links)", noHardLinks],
  ])(
    "at no step of taking the lock%s can a rival whose clock is an hour ahead break it",
    async (_label, files) => {
      for (const k of steps) {
        const world = lockWorld();
        const end = Promise.withResolvers<void>();
        const rival = {
          name: "R",
          pid: 4000,
          fs: files,
          clock: fakeClock(Date.now() + hour).clock,
        };
        let r: Awaited<ReturnType<typeof world.hold>> | undefined;
        const xFs = steppedFs(files, async (step) => {
          if (step !== k) return;
          r = await world.hold(rival, () => end.promise);
          await r.got;
        });
        const x = await world.hold({
          name: "X",
          pid: 2000,
          fs: xFs,
          clock: fakeClock().clock,
          timeoutMs: 300,
        });
        await x.done;
        end.resolve();
        await r?.done;
        expect({ k, overlaps: world.overlaps }).toEqual({ k, overlaps: [] });
        expect({ k, left: leftovers(world.dir) }).toEqual({ k, left: [] });
        world.dispose();
      }
    },
  );
});

describe("a lock that may be broken by age (its holder's liveness is unknown)", () => {
  test("its holder's release never removes the lock of whoever broke it", async () => {
    for (const k of steps) {
      const world = lockWorld();
      const end = Promise.withResolvers<void>();
      let releasing = false;
      let r1: Awaited<ReturnType<typeof world.hold>> | undefined;
      const xFs = steppedFs(fs, async (step) => {
        if (!releasing || r1 || step < k) return;
        // R1 cannot see whether X lives; to its clock X's lock is an hour old.
        const clock = fakeClock(Date.now() + hour).clock;
        r1 = await world.hold(
          { name: "R1", pid: 5000, clock, seesLiveness: false },
          () => end.promise,
        );
        await r1.got;
      });
      const x = world.hold({ name: "X", pid: 2000, fs: xFs, seesLiveness: false }, async () => {
        releasing = true;
      });
      await (await x).done;
      await world.probe({ name: "R2", pid: 6000 });
      end.resolve();
      await r1?.done;
      expect({ k, overlaps: world.overlaps }).toEqual({ k, overlaps: [] });
      expect({ k, left: leftovers(world.dir) }).toEqual({ k, left: [] });
      world.dispose();
    }
  });
});

describe("a holder that loses its lock (held past staleMs, its liveness unknown)", () => {
  test("writes nothing and says so, unless it lost it in the one step after its last check", async () => {
    const losing: string[] = [];
    for (const k of steps) {
      const dir = scratchDir("fence");
      const path = join(dir, "credentials");
      writeFileSync(path, "");
      let editing = false;
      let rival: Promise<string> | undefined;
      let injectedAt = "";
      let stepsSinceEdit = 0;
      const xFs = steppedFs(fs, async (_step, name) => {
        if (!editing || ++stepsSinceEdit !== k) return;
        injectedAt = name;
        rival = outcome(updateFile(fs, path, (t) => `${t}R\n`, { pid: 4000, host, timeoutMs: 0 }));
        await rival;
      });
      const x = await outcome(
        updateFile(
          xFs,
          path,
          (t) => {
            editing = true;
            return `${t}X\n`;
          },
          // X's lock says it was taken an hour ago; R cannot check whether X lives.
          { pid: 2000, host, clock: fakeClock(Date.now() - hour).clock },
        ),
      );
      const lines = readFileSync(path, "utf8").split("\n");
      if ((await rival) === "ok" && !lines.includes("R")) losing.push(injectedAt);
      if (x === "ok") expect({ k, lines }).toEqual({ k, lines: expect.arrayContaining(["X"]) });
      else expect(x).toStartWith(`Another process took the lock of ${path} while this awsmfa`);
      expect({ k, left: leftovers(dir, "credentials") }).toEqual({ k, left: [] });
      rmSync(dir, { recursive: true });
    }
    // Between its last look at the lock and the rename, no lock file can stop a writer.
    expect(losing).toEqual(["rename"]);
  });
});

function outcome(update: Promise<unknown>): Promise<string> {
  return update.then(
    () => "ok",
    (error: Error) => error.message,
  );
}
