/**
 * Issue 11 item 5, another case: a wait loop must sleep. A stdout that is a non-blocking pipe
 * whose reader is slow made writeAll retry EAGAIN at once, at 100% CPU, for as long as the
 * pipe stayed full. Now it waits asleep, and still writes every byte once the reader reads.
 * Runs the compiled binary behind a Python harness (a 4 KB non-blocking pipe, read late).
 */
import { expect, test } from "bun:test";
import { awsmfaBinary } from "../support/binary.ts";

const HARNESS = `
import os, fcntl, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, 1031, 4096)  # F_SETPIPE_SZ
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
p = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.DEVNULL)
os.close(w)
time.sleep(3)
stat = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
ticks = int(stat[11]) + int(stat[12])  # utime + stime
data = b""
while True:
    chunk = os.read(r, 65536)
    if not chunk: break
    data += chunk
p.wait(10)
sys.stdout.write(f"{ticks} {len(data)}\\n")
`;

test("a full non-blocking stdout is waited for asleep, and every byte arrives", async () => {
  const binary = await awsmfaBinary();
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: "/nonexistent", NO_COLOR: "1" };
  const whole = Bun.spawnSync([binary, "shell-init", "bash"], { env }).stdout.length;
  expect(whole).toBeGreaterThan(8192);
  const run = Bun.spawnSync(["python3", "-c", HARNESS, binary, "shell-init", "bash"], {
    env,
    timeout: 30_000,
  });
  const [ticks, got] = run.stdout.toString().trim().split(" ").map(Number);
  // 3 s of spinning were ~300 ticks (100 per second); asleep it is a handful.
  expect(ticks).toBeLessThan(40);
  expect(got).toBe(whole);
});
