/**
 * system/libc-files.ts: each call through libc gives what the node:fs call of the same name
 * gives, for the calls and arguments the lean tier makes (commands/fast/lean-read.ts): the
 * same status, the same error code, the same text for any bytes; and writeAllThrough writes
 * every byte once, or fails as writeAll fails.
 */
import { afterAll, describe, expect, test } from "bun:test";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import {
  bunFfi,
  type Ffi,
  type FileStats,
  type LeanFiles,
  libcFiles,
} from "../../src/system/libc-files.ts";

const root = fs.mkdtempSync(join(tmpdir(), "awsmfa-libc-files-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const loaded = await libcFiles(process.platform, process.arch);
/** Where the calls are made (Linux on x64 and arm64, glibc): there they must load. */
const applies = process.platform === "linux" && ["x64", "arm64"].includes(process.arch);
if (applies && !loaded) {
  throw new Error(`libc's file calls did not load on ${process.platform}-${process.arch}`);
}
if (!applies) {
  console.warn(`libc-files: not made on ${process.platform}-${process.arch}: node:fs is used`);
  test("elsewhere there are no libc calls: the lean tier uses node:fs", () => {
    expect(loaded).toBeUndefined();
  });
}
const libc = loaded as LeanFiles;
/** The same calls made through the bun:ffi module, which a Bun without Bun.FFI would use. */
const throughModule = (await libcFiles(
  process.platform,
  process.arch,
  async () => (await import("bun:ffi")) as unknown as Ffi,
)) as LeanFiles;

describe.if(applies)("bun:ffi's functions", () => {
  test("are Bun's own object's (Bun.FFI), without loading the bun:ffi module", async () => {
    const native = (Bun as unknown as { FFI: Ffi }).FFI;
    expect(await bunFfi()).toBe(native);
    // What the module exports are that object's functions (its ptr an arrow around it).
    const module = await import("bun:ffi");
    expect(module.CString as unknown).toBe(native.CString);
    expect(module.read as unknown).toBe(native.read);
  });
});

describe.if(applies)("a libc without one of the functions", () => {
  // glibc before 2.28 has no statx. Bun.FFI's dlopen returns the error where the bun:ffi module
  // throws it: the calls must not be had either way, so that the lean tier uses node:fs.
  const renamed = join(root, "no-statx");
  const libcPath = [
    `/lib/${process.arch === "x64" ? "x86_64" : "aarch64"}-linux-gnu/libc.so.6`,
  ].find((path) => fs.existsSync(path));
  test.if(libcPath !== undefined)("gives no calls, through Bun.FFI or the module", () => {
    fs.mkdirSync(renamed, { recursive: true });
    const bytes = fs.readFileSync(libcPath!).toString("latin1");
    expect(bytes.includes("\0statx\0")).toBe(true);
    fs.writeFileSync(
      join(renamed, "libc.so.6"),
      Buffer.from(bytes.replace("\0statx\0", "\0statX\0"), "latin1"),
    );
    const source = JSON.stringify(join(import.meta.dir, "../../src/system/libc-files.ts"));
    const script = join(root, "no-statx.ts");
    fs.writeFileSync(
      script,
      `import { libcFiles } from ${source};
const native = await libcFiles(process.platform, process.arch);
const module = await libcFiles(process.platform, process.arch, async () => await import("bun:ffi"));
console.log(JSON.stringify([native === undefined, module === undefined]));`,
    );
    // Under qemu (the arm64 stage) the path is the arm64 program's, not qemu's own.
    const run = Bun.spawnSync(
      process.env.TEST_QEMU
        ? [process.env.TEST_QEMU, "-E", `LD_LIBRARY_PATH=${renamed}`, process.execPath, script]
        : [process.execPath, script],
      {
        env: process.env.TEST_QEMU ? process.env : { ...process.env, LD_LIBRARY_PATH: renamed },
        stdout: "pipe",
        stderr: "pipe",
        timeout: 30_000,
      },
    );
    expect(run.stderr.toString()).toBe("");
    expect(run.stdout.toString().trim()).toBe("[true,true]");
  });

  test("a dlopen that returns its error, or a symbol that is not a function: no calls", async () => {
    const real = await bunFfi();
    const returning = (result: unknown) => async () => ({ ...real, dlopen: () => result }) as Ffi;
    expect(await libcFiles(process.platform, process.arch, returning(new Error("x")))).toBe(
      undefined,
    );
    expect(
      await libcFiles(process.platform, process.arch, returning({ symbols: { openat: 1 } })),
    ).toBe(undefined);
    expect(await libcFiles(process.platform, process.arch, returning({}))).toBe(undefined);
  });
});

function status(stats: FileStats) {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    file: stats.isFile(),
    folder: stats.isDirectory(),
    link: stats.isSymbolicLink(),
    device: stats.isCharacterDevice(),
  };
}

/** A call's result or its error code, from either side. */
function outcome<T>(call: () => T): T | { code: unknown } {
  try {
    return call();
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code };
  }
}

const file = join(root, "file");
fs.writeFileSync(file, "[default]\nregion = eu-west-1\n");
fs.writeFileSync(join(root, "empty"), "");
fs.mkdirSync(join(root, "folder"), { mode: 0o750 });
fs.symlinkSync(file, join(root, "link"));
fs.symlinkSync(join(root, "nowhere"), join(root, "dangling"));
Bun.spawnSync(["mkfifo", join(root, "fifo")]);
fs.writeFileSync(join(root, "naïve ✓ 😀"), "unicode name");
const paths = [
  file,
  join(root, "empty"),
  join(root, "folder"),
  join(root, "link"),
  join(root, "dangling"),
  join(root, "fifo"),
  join(root, "naïve ✓ 😀"),
  join(root, "missing"),
  join(file, "below-a-file"),
  "/dev/null",
  "/",
  root,
];

for (const [how, libc] of [
  ["Bun.FFI", loaded as LeanFiles],
  ["the bun:ffi module", throughModule],
] as const) {
  describe.if(applies)(`libc's file calls (${how}) against node:fs`, () => {
    test("lstat: the same status or the same error", () => {
      for (const path of paths) {
        expect({ path, got: outcome(() => status(libc.lstatSync(path))) }).toEqual({
          path,
          got: outcome(() => status(fs.lstatSync(path))),
        });
      }
    });

    test("open (as the lean tier opens) and fstat: the same status or the same error", () => {
      const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW } = fs.constants;
      for (const path of paths) {
        for (const follow of [true, false]) {
          const flags = (files: LeanFiles) =>
            files.constants.O_RDONLY |
            files.constants.O_NONBLOCK |
            (follow ? 0 : files.constants.O_NOFOLLOW);
          expect(flags(libc)).toBe(O_RDONLY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW));
          const opened = (files: LeanFiles) =>
            outcome(() => {
              const fd = files.openSync(path, flags(files));
              try {
                return status(files.fstatSync(fd));
              } finally {
                files.closeSync(fd);
              }
            });
          expect({ path, follow, got: opened(libc) }).toEqual({ path, follow, got: opened(fs) });
        }
      }
    });

    test("fstat of the standard streams", () => {
      for (const fd of [0, 1, 2]) {
        expect(status(libc.fstatSync(fd))).toEqual(status(fs.fstatSync(fd)));
      }
      expect(outcome(() => libc.fstatSync(987))).toEqual({ code: "EBADF" });
    });

    test("a path C cannot take as node:fs would give it is refused, never opened", () => {
      for (const path of [`${file}\0.txt`, `${root}/\ud800x`, `${root}/x\udc00`]) {
        const refused = outcome(() => libc.lstatSync(path)) as { code: unknown };
        expect(refused.code).toBe("ERR_INVALID_ARG_VALUE");
        expect(outcome(() => libc.openSync(path, 0))).toEqual(refused);
      }
    });

    test("readFileSync: the same text for any bytes, short or long", () => {
      const path = join(root, "bytes");
      const odd = [0x00, 0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xbb, 0xf0, 0xf4, 0xff];
      const byte = fc.oneof(fc.constantFrom(...odd), fc.integer({ min: 0, max: 0xff }));
      const content = fc.oneof(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(byte, { maxLength: 300 }).map((b) => new Uint8Array(b)),
        // Past the 16 KiB buffer it starts with, and past twice that.
        fc
          .tuple(fc.integer({ min: 16_000, max: 70_000 }), byte)
          .map(([n, b]) => new Uint8Array(n).fill(0x61).fill(b, n - 3)),
      );
      fc.assert(
        fc.property(content, (bytes) => {
          fs.writeFileSync(path, bytes);
          const read = (files: LeanFiles) => {
            const fd = files.openSync(path, files.constants.O_RDONLY);
            try {
              return files.readFileSync(fd, "utf8");
            } finally {
              files.closeSync(fd);
            }
          };
          expect(read(libc)).toBe(read(fs));
        }),
        { numRuns: 400 },
      );
    });
  });
}

describe.if(applies)("readFileSync and the size that picks its reader", () => {
  const path = join(root, "sized");
  const LARGE = 256 * 1024; // libc-files.ts LARGE_FILE: past it, node:fs reads
  const text = (n: number) => "[p]\nx = ü\n".repeat(Math.ceil(n / 11)).slice(0, n);

  /** Opens `path` as the lean tier does, runs `between` after its fstat, then reads. */
  function readAfterFstat(files: LeanFiles, between: () => void = () => {}) {
    const fd = files.openSync(path, files.constants.O_RDONLY | files.constants.O_NONBLOCK);
    try {
      files.fstatSync(fd);
      between();
      return files.readFileSync(fd, "utf8");
    } finally {
      files.closeSync(fd);
    }
  }

  /** How many times libc's statx runs during `call` (the instance's one way to it). */
  function statxCalls(call: () => void): number {
    const calls = libc as unknown as { stat: (...args: unknown[]) => unknown };
    const own = calls.stat;
    let count = 0;
    calls.stat = (...args) => {
      count++;
      return own.apply(calls, args);
    };
    try {
      call();
    } finally {
      delete (calls as { stat?: unknown }).stat;
    }
    return count;
  }

  test("the caller's fstat is the only statx: readFileSync takes its size", () => {
    for (const n of [30, LARGE + 100]) {
      fs.writeFileSync(path, text(n));
      expect({ n, statx: statxCalls(() => readAfterFstat(libc)) }).toEqual({ n, statx: 1 });
    }
    // With no fstat of that fd just before (another fd's, a closed one's), it asks itself.
    fs.writeFileSync(path, text(30));
    const fd = libc.openSync(path, libc.constants.O_RDONLY);
    try {
      expect(statxCalls(() => libc.readFileSync(fd, "utf8"))).toBe(1);
    } finally {
      libc.closeSync(fd);
    }
  });

  test("around the size where node:fs takes over: the same text", () => {
    for (const n of [0, 1, LARGE - 1, LARGE, LARGE + 1, LARGE * 2 + 7]) {
      fs.writeFileSync(path, text(n));
      expect(readAfterFstat(libc)).toBe(readAfterFstat(fs));
    }
  });

  test.each([
    ["grows past it", 100, LARGE + 5000],
    ["shrinks below it", LARGE + 5000, 100],
    ["grows, both small", 100, 9000],
    ["shrinks to nothing", LARGE + 5000, 0],
  ])("a file that %s between the fstat and the read reads whole", (_l, before, after) => {
    const change = () => fs.writeFileSync(path, text(after));
    fs.writeFileSync(path, text(before));
    const got = readAfterFstat(libc, change);
    fs.writeFileSync(path, text(before));
    expect(got).toBe(readAfterFstat(fs, change));
    expect(got).toBe(text(after));
  });
});

/**
 * writeAllThrough in a process of its own, its stdout a pipe made by Python: a 4 KiB
 * non-blocking one read late (the first write is cut short), or one closed before (EPIPE).
 */
const HARNESS = `
import os, fcntl, subprocess, sys, time
mode = sys.argv[1]
r, w = os.pipe()
fcntl.fcntl(w, 1031, 4096)  # F_SETPIPE_SZ
if mode == "nonblocking":
    fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
if mode == "closed":
    os.close(r)
p = subprocess.Popen(sys.argv[2:], stdout=w, stderr=subprocess.PIPE)
os.close(w)
data = b""
if mode != "closed":
    time.sleep(0.5)
    while True:
        chunk = os.read(r, 65536)
        if not chunk: break
        data += chunk
err = p.stderr.read()
p.wait(20)
sys.stdout.buffer.write(str(len(data)).encode() + b" " + data[:40] + b"|" + data[-40:] + b"\\n" + err)
`;

const CHILD = `
import { libcFiles, writeAllThrough } from ${JSON.stringify(join(import.meta.dir, "../../src/system/libc-files.ts"))};
const files = await libcFiles(process.platform, process.arch);
const [kind, length] = [process.argv[2], Number(process.argv[3])];
const text = "begin:" + (kind === "ascii" ? "x" : "é").repeat(length) + ":end";
try {
  writeAllThrough(files)(1, text);
  console.error("wrote", new TextEncoder().encode(text).length);
} catch (error) {
  console.error("failed", error.code);
}
`;

/**
 * This runtime, for a child. The arm64 qemu stage (.ci/stages/70-arm64-qemu.sh) runs this file
 * on arm64 under qemu-user, where the host cannot start an arm64 program by itself: TEST_QEMU
 * names qemu there, to start the child through.
 */
const RUNTIME = process.env.TEST_QEMU
  ? [process.env.TEST_QEMU, process.execPath]
  : [process.execPath];

function harness(mode: string, kind: string, length: number) {
  const child = join(root, "child.ts");
  fs.writeFileSync(child, CHILD);
  const run = Bun.spawnSync(
    ["python3", "-c", HARNESS, mode, ...RUNTIME, child, kind, String(length)],
    { timeout: 30_000 },
  );
  const [head = "", said = ""] = run.stdout.toString().split("\n");
  return { head, said };
}

describe.if(applies)("writeAllThrough", () => {
  test("a write into a pipe, whole", () => {
    expect(harness("blocking", "ascii", 100)).toEqual({
      head: `110 begin:${"x".repeat(34)}|${"x".repeat(36)}:end`,
      said: "wrote 110",
    });
  });

  test("cut short by a full non-blocking pipe: the rest follows, every byte once", () => {
    const { head, said } = harness("nonblocking", "ascii", 50_000);
    expect(said).toBe("wrote 50010");
    expect(head).toBe(`50010 begin:${"x".repeat(34)}|${"x".repeat(36)}:end`);
  });

  test("a character past ASCII: written by writeAll, whole", () => {
    const { head, said } = harness("nonblocking", "other", 20_000);
    expect(said).toBe("wrote 40010");
    expect(head.startsWith("40010 begin:")).toBe(true);
  });

  test("a pipe nobody reads: the error writeAll gives", () => {
    expect(harness("closed", "ascii", 100).said).toBe("failed EPIPE");
  });
});
