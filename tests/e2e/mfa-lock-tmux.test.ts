/**
 * Many credential-process callers on one terminal, as terraform's SDK clients are: one Ctrl-C
 * at the one prompt ends them all (the fail marker beside the MFA lock), and first-time
 * callers with no mfa_serial look the device up once, save it once and say so once.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { callsOf } from "../support/role-world.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
let session: ShellSession | undefined;
let out: string | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
  if (out) rmSync(out, { recursive: true, force: true });
  out = undefined;
});

if (!tmuxAvailable()) {
  console.log("SKIPPED: tmux is not installed, so the one-cancel tests cannot run");
}

/** N credential-process callers at once from a non-interactive bash (all may read the tty). */
async function startCallers(login: ReturnType<typeof world.user>, n: number) {
  const binary = await awsmfaBinary();
  out = mkdtempSync(join(tmpdir(), "awsmfa-lock-"));
  session = await startShell("bash", {
    home: login.sandbox.home,
    env: login.sandbox.env,
    width: 200,
    height: 50,
  });
  const list = Array.from({ length: n }, (_, i) => i + 1).join(" ");
  // Each caller records its exit status and the time (ms) it ended.
  await session.start(
    `bash -c 'for i in ${list}; do ( "$0" credential-process prod >"$1/out.$i" 2>"$1/err.$i"; echo $? >"$1/rc.$i"; date +%s%3N >"$1/end.$i" ) & done; wait' '${binary}' '${out}'`,
  );
  return { dir: out, binary };
}

function read(dir: string, name: string): string {
  return readFileSync(join(dir, name), "utf8");
}

describe.skipIf(!tmuxAvailable())("one MFA lock for many callers", () => {
  test("three callers, one Ctrl-C: all three exit 130 within 2 s; one prompt", async () => {
    const login = world.user();
    const { dir } = await startCallers(login, 3);
    await session!.waitFor("MFA code for prod", 15_000);
    // Let the other two reach the lock and wait on it.
    await Bun.sleep(500);
    const pressed = Date.now();
    await session!.press("C-c");
    const shown = await session!.finish(10_000);
    for (const i of [1, 2, 3]) {
      expect(read(dir, `rc.${i}`).trim()).toBe("130");
      expect(Number(read(dir, `end.${i}`)) - pressed).toBeLessThan(2000);
      expect(read(dir, `out.${i}`)).toBe("");
    }
    expect(shown.match(/MFA code for prod/g)).toHaveLength(1);
    const said = [1, 2, 3].map((i) => read(dir, `err.${i}`)).join("");
    expect(said.match(/Cancelled\./g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(0);
    // A new run right after is not cancelled: it prompts again.
    await session!.start(`'${await awsmfaBinary()}' credential-process prod >/dev/null`);
    await session!.waitFor(/MFA code for prod[\s\S]*MFA code for prod/, 10_000);
    await session!.press("C-c");
    await session!.finish(10_000);
  });

  test("five first-time callers: one ListMFADevices, one config write, said once", async () => {
    const login = world.user({ serial: false });
    const { dir } = await startCallers(login, 5);
    await session!.waitFor("MFA code for prod", 15_000);
    await session!.type(login.code());
    await session!.press("Enter");
    const shown = await session!.finish(20_000);
    for (const i of [1, 2, 3, 4, 5]) {
      expect(read(dir, `rc.${i}`).trim()).toBe("0");
      expect(JSON.parse(read(dir, `out.${i}`)).AccessKeyId).toMatch(/^ASIA/);
    }
    expect(callsOf(world.aws, login, "ListMFADevices")).toHaveLength(1);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
    expect(shown.match(/Found MFA device/g)).toHaveLength(1);
    expect(shown.match(/Saved mfa_serial/g)).toHaveLength(1);
    expect(shown.match(/MFA code for prod/g)).toHaveLength(1);
    const config = login.sandbox.readConfig();
    expect(config.match(/mfa_serial = /g)).toHaveLength(1);
    expect(config).toContain(`mfa_serial = ${login.serial}`);
  });
});
