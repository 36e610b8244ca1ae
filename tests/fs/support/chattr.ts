/**
 * chattr for the tests of files the system refuses to change (immutable-file.test.ts,
 * append-only-leftover.test.ts). It needs root and a file system with attributes (ext4, xfs,
 * btrfs): those tests ask chattrWorks first and are skipped, saying why, where it does not.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { scratchDir } from "./scratch.ts";

/** `chattr FLAG PATH`: whether it succeeded. */
export function chattr(flag: string, path: string): boolean {
  return spawnSync("chattr", [flag, path], { stdio: "ignore" }).status === 0;
}

/**
 * Whether `+FLAG` can be set (and is taken off again) here: on a probe file, or on a probe
 * folder, in the same kind of scratch folder the tests use.
 */
export function chattrWorks(flag: "i" | "a", on: "file" | "folder"): boolean {
  let probe = scratchDir(`chattr-${flag}-probe`);
  if (on === "file") {
    probe = join(probe, "probe");
    writeFileSync(probe, "x");
  }
  if (!chattr(`+${flag}`, probe)) return false;
  chattr(`-${flag}`, probe);
  return true;
}
