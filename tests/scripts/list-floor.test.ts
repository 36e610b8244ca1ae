/**
 * bench/list-floor.ts, the floor the benchmark sets beside `list` at scale, must do a list's
 * least work on the benchmark's files: a row per profile, as many rows and bytes about as
 * many as `awsmfa list` writes, or the comparison says nothing.
 */
import { expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildListFloor, ProfileFiles } from "../../scripts/bench/world.ts";
import { awsmfaBinary } from "../support/binary.ts";

test("the list floor writes one row per profile, as list does, on the benchmark's files", async () => {
  const folder = mkdtempSync(join(tmpdir(), "list-floor-"));
  try {
    const home = join(folder, "home");
    const user = {
      accessKeyId: "AKIAAAAAAAAAAAAAAAAA",
      secretAccessKey: "s",
      serial: "GAHT12345678",
    };
    new ProfileFiles(home, 1000).write(user, user);
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, LANG: "C.UTF-8" };
    const run = (argv: string[]) => {
      const r = Bun.spawnSync(argv, { env, stdout: "pipe", stderr: "pipe" });
      expect(r.exitCode).toBe(0);
      return r.stdout.toString();
    };
    const floor = run([buildListFloor(folder)]);
    const list = run([await awsmfaBinary(), "list"]);
    const lines = (text: string) => text.split("\n").filter(Boolean);
    expect(lines(floor).length).toBe(lines(list).length);
    expect(lines(floor).length).toBe(1 + 1000 + 4); // header, the pairs, cached and fresh
    expect(floor.length / list.length).toBeGreaterThan(0.8);
    expect(floor.length / list.length).toBeLessThan(1.25);
    // the names, in list's order
    const names = (text: string) => lines(text).map((line) => line.split(" ")[0]);
    expect(names(floor)).toEqual(names(list));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 60_000);
