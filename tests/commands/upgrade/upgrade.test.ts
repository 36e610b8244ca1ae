/**
 * awsmfa upgrade, with the real binary against release folders served on 127.0.0.1: an
 * upgrade to a newer release, a tampered archive refused (the old binary kept, byte for
 * byte), the same version as a no-op, a pinned version the mirror does not serve, and an npm
 * install sent to npm. The "newer release" is a small script that answers --version as a
 * newer awsmfa would: what upgrade checks before it puts a binary in place.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../../package.json" with { type: "json" };
import { tarGz } from "../../../scripts/release/archive.ts";
import { awsmfaBinary } from "../../support/binary.ts";
import { closedPort } from "../../support/closed-port.ts";
import { withNotHttpServer } from "../../support/raw-server.ts";

const ASSET = `awsmfa-${process.platform}-${process.arch}`;
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
const scratch = mkdtempSync(join(tmpdir(), "awsmfa-upgrade-"));
const releases = new Map<string, Map<string, Uint8Array>>();
let server: ReturnType<typeof Bun.serve>;
let binary: Uint8Array;

/** A release folder /NAME/ holding the archive of `program` and SHA256SUMS. */
async function release(name: string, program: Uint8Array, tamper = false) {
  const archive = await tarGz([{ name: "awsmfa", data: program, mode: 0o755 }]);
  const sums = `${sha256(program)}  ${ASSET}\n${sha256(archive)}  ${ASSET}.tar.gz\n`;
  const served = tamper ? Buffer.concat([archive, Buffer.from([0])]) : archive;
  releases.set(
    name,
    new Map([
      ["SHA256SUMS", new TextEncoder().encode(sums)],
      [`${ASSET}.tar.gz`, served],
    ]),
  );
}

/** A body that never ends, as fast as the loopback carries it (a hostile or broken mirror). */
function endless(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024).fill(0x41);
  return new ReadableStream({ pull: (controller) => controller.enqueue(chunk) });
}

const script = (version: string) =>
  new TextEncoder().encode(`#!/bin/sh\necho "awsmfa ${version} (commit 0123456789ab)"\n`);

beforeAll(async () => {
  binary = readFileSync(await awsmfaBinary());
  await release("newer", script("9.9.9"));
  await release("tampered", script("9.9.9"), true);
  await release("same", binary);
  await release("same-version", script(pkg.version));
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const [, folder, file] = new URL(request.url).pathname.split("/");
      if (folder === "endless") return new Response(endless());
      const data = releases.get(folder ?? "")?.get(file ?? "");
      return data ? new Response(data) : new Response("not found", { status: 404 });
    },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop(true);
  rmSync(scratch, { recursive: true, force: true });
});

/** An installed awsmfa whose record points at the /FOLDER/ mirror. */
function installed(folder: string, dir = mkdtempSync(join(scratch, "bin-"))) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "awsmfa");
  copyFileSync(readlinkOrSelf(), path);
  writeFileSync(join(dir, ".awsmfa-install"), `# test\nmirror=${server.url}${folder}\n`);
  return path;
}
let binaryPath = "";
const readlinkOrSelf = () => binaryPath;

async function upgrade(
  path: string,
  args: string[] = [],
  timeout = 60_000,
  env: Record<string, string> = {},
) {
  const child = Bun.spawn([path, "upgrade", ...args], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: scratch, ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout,
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, stdout, stderr };
}

describe("awsmfa upgrade", () => {
  beforeAll(async () => {
    binaryPath = await awsmfaBinary();
  });

  test("upgrades to the newer release and says old -> new", async () => {
    const path = installed("newer");
    const r = await upgrade(path);
    expect(r.stderr).toContain(`Upgraded awsmfa: ${pkg.version} -> 9.9.9 (${path})`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readFileSync(path)).toEqual(Buffer.from(script("9.9.9")));
  });

  // Issue 11 items 2 and 3, another case: an endless download is cut off at a size cap (it
  // grew awsmfa to 8 GB and overran its 30 s deadline by 20 s), and the binary is kept.
  test("a mirror that sends an endless SHA256SUMS: exit 5 at once, nothing changed", async () => {
    const path = installed("endless");
    const before = readFileSync(path);
    const started = performance.now();
    const r = await upgrade(path);
    expect(r.stderr).toContain("is larger than 1 MB");
    expect(r.stderr).not.toContain("This is a bug");
    expect(r.code).toBe(5);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(readFileSync(path)).toEqual(before);
  });

  test("a proxy variable that is no URL: exit 3 naming it, nothing fetched or changed", async () => {
    const path = installed("newer");
    const before = readFileSync(path);
    const r = await upgrade(path, [], 60_000, {
      HTTP_PROXY: "http://bob:s3cretPw@127.0.0.1:70000",
    });
    expect(r.stderr).toContain(
      `HTTP_PROXY "http://…@127.0.0.1:70000" is not a proxy awsmfa can use: its port 70000 is past 65535.`,
    );
    expect(r.stderr).not.toContain("s3cretPw");
    expect(r.code).toBe(3);
    expect(readFileSync(path)).toEqual(before);
  });

  test("a mirror URL with a user and password: used, never shown", async () => {
    const withPassword = (folder: string) => {
      const path = installed(folder);
      const mirror = `${server.url}${folder}`.replace("://", "://bob:s3cretPw@");
      writeFileSync(join(path, "..", ".awsmfa-install"), `mirror=${mirror}\n`);
      return path;
    };
    const upgraded = await upgrade(withPassword("newer"));
    expect(upgraded.stderr).toContain("Checking http://…@127.0.0.1:");
    expect(upgraded.stderr).toContain(`Upgraded awsmfa: ${pkg.version} -> 9.9.9`);
    expect(upgraded.code).toBe(0);
    for (const folder of ["missing", "tampered", "same"]) {
      const r = await upgrade(withPassword(folder));
      expect([folder, r.stderr]).toEqual([folder, expect.stringContaining("http://…@127.0.0.1:")]);
      expect([folder, r.stderr]).not.toEqual([folder, expect.stringContaining("s3cretPw")]);
    }
    // Unreachable (a closed port): the same.
    const path = installed("unused");
    writeFileSync(
      join(path, "..", ".awsmfa-install"),
      `mirror=http://bob:s3cretPw@127.0.0.1:${await closedPort()}/m\n`,
    );
    const refused = await upgrade(path, ["--debug"]);
    expect(refused.stderr).toContain("Could not download http://…@127.0.0.1:");
    expect(refused.stderr).not.toContain("s3cretPw");
    expect(refused.code).toBe(5);
  });

  test("a mirror address where something else answers: exit 5, the failure in words", async () => {
    await withNotHttpServer(async (port) => {
      const path = installed("unused");
      const mirror = `http://127.0.0.1:${port}/releases`;
      writeFileSync(join(path, "..", ".awsmfa-install"), `mirror=${mirror}\n`);
      const before = readFileSync(path);
      const r = await upgrade(path);
      expect(r.stderr).toContain(
        `Could not download ${mirror}/SHA256SUMS: what answered is not an HTTP server`,
      );
      expect(r.stderr).not.toContain("verbose: true");
      expect(r.code).toBe(5);
      expect(readFileSync(path)).toEqual(before);
    });
  });

  // Issue 11 item 4, another case: the install record is an input file too.
  test("a FIFO at .awsmfa-install: exit 3 at once, not a hang", async () => {
    const path = installed("newer");
    const record = join(path, "..", ".awsmfa-install");
    rmSync(record);
    expect(Bun.spawnSync(["mkfifo", record]).exitCode).toBe(0);
    const started = performance.now();
    const r = await upgrade(path, [], 10_000);
    expect(r.stderr).toContain("is a named pipe (FIFO), not a regular file");
    expect(r.code).toBe(3);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  test("a tampered archive is refused and the old binary kept", async () => {
    const path = installed("tampered");
    const r = await upgrade(path);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`The download of ${ASSET}.tar.gz does not match its checksum`);
    expect(r.stderr).toContain("awsmfa was not changed");
    expect(sha256(readFileSync(path))).toBe(sha256(binary));
  });

  test("the same build, or the same version, is a no-op", async () => {
    for (const folder of ["same", "same-version"]) {
      const path = installed(folder);
      const r = await upgrade(path);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`awsmfa ${pkg.version} is`);
      expect(r.stderr).toContain("nothing to do");
      expect(sha256(readFileSync(path))).toBe(sha256(binary));
    }
  });

  test("a pinned version the mirror does not serve is refused", async () => {
    const path = installed("newer");
    const r = await upgrade(path, ["--to", "v8.0.0"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("served awsmfa 9.9.9, not v8.0.0; awsmfa was not changed");
    expect(sha256(readFileSync(path))).toBe(sha256(binary));
  });

  test("--version vX.Y.Z pins the release as --to does (not the program's own --version)", async () => {
    for (const flag of [["--version", "v8.0.0"], ["--version=v8.0.0"]]) {
      const path = installed("newer");
      const r = await upgrade(path, flag);
      expect(r.code).not.toBe(0);
      expect(r.stdout).not.toContain(`awsmfa ${pkg.version} (commit`);
      expect(r.stderr).toContain("served awsmfa 9.9.9, not v8.0.0; awsmfa was not changed");
      expect(sha256(readFileSync(path))).toBe(sha256(binary));
    }
  });

  test("an npm install is sent to npm; an unrecorded binary says how to reinstall", async () => {
    const npm = installed(
      "newer",
      join(scratch, "lib", "node_modules", "@awsmfa", "linux-x64", "bin"),
    );
    const r = await upgrade(npm);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("installed with npm");
    expect(r.stderr).toContain("npm install -g awsmfa@latest");
    const bare = join(mkdtempSync(join(scratch, "bare-")), "awsmfa");
    copyFileSync(binaryPath, bare);
    const unknown = await upgrade(bare);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("does not know where");
  });
});
