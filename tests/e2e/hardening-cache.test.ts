/**
 * Issue 11, item 6: the session cache in a folder another local user can write. A real second
 * user (`nobody`, through setpriv) plants what the red team planted: a session file with their
 * keys, a link to a world-writable file of theirs, a FIFO, a link to /dev/zero, a notify record
 * naming one of the victim's processes. The victim (this test's user, root in CI: ownership
 * is compared with the current uid, so root is a victim like any other) must refuse the
 * folder with exit 3 and a fix, hand out no planted key, write nothing through a link, signal
 * nothing, and never hang. A cache under a sticky world folder that awsmfa made itself works.
 */
import { afterAll, describe, expect, test } from "bun:test";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { statePath } from "../../src/commands/notify/state.ts";
import { digest128 } from "../../src/fs/hash.ts";
import { useLoginWorld } from "../support/login-world.ts";
import {
  asNobody,
  canDropPrivileges,
  checkChildCwd,
  isRoot,
  NOBODY,
} from "../support/other-user.ts";

const world = useLoginWorld();
const onWindows = process.platform === "win32";
const HOSTILE = NOBODY; // exists on every Linux, owns nothing of ours
// Without root (or setpriv) there is no second user to be: say so, loudly.
const canActAsOther = !onWindows && isRoot && canDropPrivileges;
if (!canActAsOther) {
  console.log("SKIPPED hardening-cache: needs root with setpriv (util-linux) to act as `nobody`");
}

const bases: string[] = [];
afterAll(() => {
  for (const base of bases) rmSync(base, { recursive: true, force: true });
});

/** A folder under /tmp that `nobody` may enter, holding `shared` with the given mode. */
function sharedFolder(mode: number): string {
  const base = mkdtempSync(join(tmpdir(), "awsmfa-shared-"));
  bases.push(base);
  chmodSync(base, 0o755);
  const shared = join(base, "shared");
  mkdirSync(shared);
  chmodSync(shared, mode);
  return shared;
}

/** Runs a shell script as the hostile user; the script gets $1.. as arguments. */
async function asHostile(script: string, ...args: string[]): Promise<void> {
  const command = [...asNobody(), "sh", "-ec", script, "sh", ...args];
  checkChildCwd(command, "/");
  const child = Bun.spawn(command, { cwd: "/", stdout: "pipe", stderr: "pipe", timeout: 10_000 });
  const [code, err] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  if (code !== 0) throw new Error(`the hostile user's script failed (${code}): ${err}`);
}

const FAKE_KEY = "ASIAPLANTEDBYNOBODY1";
const plantedSession = JSON.stringify({
  format: 1,
  accessKeyId: FAKE_KEY,
  secretAccessKey: "planted-secret",
  sessionToken: "planted-token",
  expiration: new Date(Date.now() + 3600_000).toISOString(),
  serial: "SERIAL",
  longTermKey: "AKIA****",
  createdAt: new Date().toISOString(),
});

describe.skipIf(!canActAsOther)("a cache folder another user can write", () => {
  // Each kind of plant at the victim's session file, in a cache folder the hostile user made
  // (XDG_CACHE_HOME under a sticky, world-writable folder) or one open to all (AWSMFA_CACHE_DIR).
  const plants = {
    "a session file with their keys": `printf '%s' "$3" > "$2"`,
    "a link to a world-writable file of theirs": `printf '' > "$1/bait"; chmod 666 "$1/bait"; ln -s "$1/bait" "$2"`,
    "a FIFO": `mkfifo -m 666 "$2"`,
    "a link to /dev/zero": `ln -s /dev/zero "$2"`,
  } as const;
  const places = {
    "XDG_CACHE_HOME is a sticky world folder where they made awsmfa/": "xdg",
    "AWSMFA_CACHE_DIR is a world-writable folder": "open",
  } as const;

  for (const [placeName, place] of Object.entries(places)) {
    for (const [plantName, plant] of Object.entries(plants)) {
      test(`${placeName}; they plant ${plantName}: refused, exit 3, nothing handed out or written`, async () => {
        const login = world.user();
        const shared = sharedFolder(place === "xdg" ? 0o1777 : 0o777);
        const env: Record<string, string> =
          place === "xdg" ? { XDG_CACHE_HOME: shared } : { AWSMFA_CACHE_DIR: shared };
        const root = place === "xdg" ? join(shared, "awsmfa") : shared;
        const sessions = join(root, "sessions");
        const file = join(
          sessions,
          `${digest128(`${login.user.accessKeyId}\n${login.serial}`)}.json`,
        );
        await asHostile(
          `for d in "$4" "$5"; do mkdir -p "$d"; [ ! -O "$d" ] || chmod 777 "$d"; done; ${plant}`,
          shared,
          file,
          plantedSession.replace("SERIAL", login.serial),
          root,
          sessions,
        );
        for (const args of [
          ["credential-process", "prod"],
          ["exec", "prod", "--", "env"],
          ["prod"],
          ["prod", "--otp", login.code()],
        ]) {
          const r = await login.run(args, { env, timeoutMs: 15_000 });
          expect(r.ms).toBeLessThan(10_000); // no FIFO wait, no endless read
          expect(r.code).toBe(3);
          // Login's eval mode prints `false` on failure, so that the eval fails too.
          expect(["", "false\n"]).toContain(r.stdout);
          expect(r.stderr).not.toContain(FAKE_KEY);
          const owner =
            place === "xdg"
              ? `belongs to another user (uid ${HOSTILE})`
              : "can be written by other users (mode 0777)";
          expect(r.stderr).toContain(`The cache folder ${root} ${owner}`);
          expect(r.stderr).toContain("so awsmfa will not use it");
          // The fix, quoted for the shell (a path with no special characters needs no quotes).
          if (place === "open") expect(r.stderr).toContain(`chmod 700 ${root}`);
          expect(r.stderr).toContain(place === "xdg" ? "XDG_CACHE_HOME" : "AWSMFA_CACHE_DIR");
        }
        if (plantName.includes("world-writable file")) {
          expect(readFileSync(join(shared, "bait"), "utf8")).toBe("");
        }
        // Nothing of the victim's landed in the folder.
        for (const name of readdirSync(sessions)) {
          expect(lstatSync(join(sessions, name)).uid).toBe(HOSTILE);
        }
      });
    }
  }

  test("a notify record naming a process of the victim's, with an empty token: logout --all signals nothing", async () => {
    const login = world.user();
    const shared = sharedFolder(0o777);
    const env = { AWSMFA_CACHE_DIR: shared };
    // A process of the victim's whose command line holds a 32-hex token, as a timer's would.
    const token = "0123456789abcdef0123456789abcdef";
    const victim = Bun.spawn(["sh", "-c", `sleep 60; : ${token}`, "sh"], { stdout: "ignore" });
    try {
      const records = join(shared, "notify");
      const deps = { env, homedir: login.sandbox.home, platform: "linux" as const };
      const lines = [
        [
          statePath(deps, "empty"),
          JSON.stringify({ profile: "empty", pid: victim.pid, token: "", expires: 2e9 }),
        ],
        [
          statePath(deps, "hex"),
          JSON.stringify({ profile: "hex", pid: victim.pid, token, expires: 2e9 }),
        ],
      ];
      await asHostile(
        `mkdir -p -m 777 "$1"; printf '%s' "$3" > "$2"; printf '%s' "$5" > "$4"`,
        records,
        lines[0]![0]!,
        lines[0]![1]!,
        lines[1]![0]!,
        lines[1]![1]!,
      );
      const r = await login.run(["logout", "--all"], { env, timeoutMs: 15_000 });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`The cache folder ${shared} can be written by other users`);
      await Bun.sleep(100);
      expect(victim.exitCode).toBeNull();
      expect(victim.killed).toBe(false);
    } finally {
      victim.kill();
    }
  });

  test("a cache under a sticky world folder that awsmfa made itself is used, and is closed to others", async () => {
    const login = world.user();
    const shared = sharedFolder(0o1777);
    const env = { XDG_CACHE_HOME: shared };
    const first = await login.run(["prod", "--otp", login.code(), "--no-write"], { env });
    expect(first.stderr).toContain("New session for prod");
    expect(first.code).toBe(0);
    const root = join(shared, "awsmfa");
    expect(lstatSync(root).mode & 0o7777).toBe(0o700);
    expect(lstatSync(join(root, "sessions")).mode & 0o7777).toBe(0o700);
    for (const name of readdirSync(join(root, "sessions"))) {
      expect(lstatSync(join(root, "sessions", name)).mode & 0o777).toBe(0o600);
    }
    // The hostile user can neither plant nor look inside.
    await expect(asHostile(`printf x > "$1/sessions/x.json"`, root)).rejects.toThrow();
    const again = await login.run(["prod", "--no-write"], { env });
    expect(again.stderr).toContain("Reusing session for prod");
    expect(again.code).toBe(0);
  });
});
