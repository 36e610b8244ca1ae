/**
 * bun:ffi's cc writes its headers to <temp>/bun-cc-<uid>, a name anyone can predict: a folder
 * someone else made there first (a FIFO where stdbool.h goes hung `awsmfa list` for ever)
 * makes compileC give undefined at once, and the JavaScript reads the files.
 */
import { afterAll, expect, test } from "bun:test";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ccTempBase } from "../../src/system/cc-temp-dir.ts";

const supported =
  process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64");
const RUNTIME = process.env.TEST_QEMU
  ? [process.env.TEST_QEMU, process.execPath]
  : [process.execPath];
const root = mkdtempSync(join(tmpdir(), "awsmfa-cc-temp-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const uid = statSync("/proc/self").uid;

/** compileC of a small function in a child with TMPDIR=`temp`: its answer, or "hung". */
function compileIn(temp: string): string {
  const child = Bun.spawnSync(
    [
      ...RUNTIME,
      "-e",
      `const { compileC } = await import(${JSON.stringify(join(import.meta.dir, "../../src/system/native-code.ts"))});
       const c = await compileC(process.platform, process.arch, "int f(void) { return 42; }", { f: { args: [], returns: "i32" } }, process.env);
       process.stdout.write(c === undefined ? "undefined" : String(c.library.symbols.f()));`,
    ],
    {
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: process.env.PATH, TMPDIR: temp },
      timeout: 20_000,
    },
  );
  return child.exitCode === 0 ? child.stdout.toString() : "hung";
}

function fresh(name: string): string {
  const temp = join(root, name);
  mkdirSync(temp, { mode: 0o1777 });
  chmodSync(temp, 0o1777);
  return temp;
}

test("the temp folder is Bun's: BUN_TMPDIR, TMPDIR, TMP, TEMP, /tmp", () => {
  expect(ccTempBase({ BUN_TMPDIR: "/a", TMPDIR: "/b", TMP: "/c", TEMP: "/d" })).toBe("/a");
  expect(ccTempBase({ TMPDIR: "/b", TMP: "/c", TEMP: "/d" })).toBe("/b");
  expect(ccTempBase({ TMPDIR: "", TMP: "/c", TEMP: "/d" })).toBe("/c");
  expect(ccTempBase({ TEMP: "/d" })).toBe("/d");
  expect(ccTempBase({})).toBe("/tmp");
});

test("a fresh temp folder: cc's folder made 0700, and the code compiles", () => {
  if (!supported) return; // compileC is undefined there (list-scan-native.test.ts)
  const temp = fresh("fresh");
  expect(compileIn(temp)).toBe("42");
  expect(statSync(join(temp, `bun-cc-${uid}`)).mode & 0o777).toBe(0o700);
});

test("cc's folder made first, writable by all, a FIFO for a header: undefined, no hang", () => {
  if (!supported) return;
  const temp = fresh("planted");
  const dir = join(temp, `bun-cc-${uid}`);
  mkdirSync(dir);
  chmodSync(dir, 0o777);
  expect(Bun.spawnSync(["mkfifo", join(dir, "stdbool.h")]).exitCode).toBe(0);
  expect(compileIn(temp)).toBe("undefined");
});

test("cc's folder a symlink, or another user's: undefined", () => {
  if (!supported) return;
  const linked = fresh("linked");
  const elsewhere = join(root, "elsewhere");
  mkdirSync(elsewhere, { mode: 0o700 });
  symlinkSync(elsewhere, join(linked, `bun-cc-${uid}`));
  expect(compileIn(linked)).toBe("undefined");
  if (uid === 0) {
    const others = fresh("others");
    const dir = join(others, "bun-cc-0");
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 65534, 65534);
    expect(compileIn(others)).toBe("undefined");
  }
});
