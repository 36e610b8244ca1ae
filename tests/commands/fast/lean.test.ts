/**
 * The lean tier (src/commands/fast/lean.ts) against the fast path's general tier (index.ts,
 * session.ts), in process, over many generated set-ups: whenever the lean tier answers, the
 * general tier answers too, with the same exit code and the same bytes on stdout and stderr.
 * The set-ups mix what the lean tier handles with everything it must leave alone (roles, key
 * stores, odd headers and sections, sessions to write, foreign keys, clocks, folders...).
 * That the general tier prints what the full CLI prints is tests/e2e/fast-path.test.ts's.
 * The lean tier runs with each kind of file calls it can make: libc's (system/libc-files.ts)
 * and node:fs's.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fastRun } from "../../../src/commands/fast/index.ts";
import { type FastInvocation, fastInvocation } from "../../../src/commands/fast/invocation.ts";
import { leanMain } from "../../../src/commands/fast/lean.ts";
import { nodeFiles } from "../../../src/commands/fast/lean-read.ts";
import type { FastFacts } from "../../../src/commands/fast/world.ts";
import { sessionCachePath } from "../../../src/session/cache.ts";
import { type LeanFiles, libcFiles } from "../../../src/system/libc-files.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-lean-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A small seeded generator, so that a failure names a case that can be run again. */
function generator(seed: number) {
  let state = Math.imul(seed, 2654435761) >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < 8; i++) next(); // small seeds start with small numbers
  return {
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

interface Case {
  argv: string[];
  env: Record<string, string>;
  home: string;
}

const LONG_KEY = "AKIAIOSFODNN7EXAMPLE";
const SESSION_ID = "ASIALEANSESSION00001";

/** One generated set-up: files, a cache record, an environment and a command line. */
function makeCase(seed: number): Case {
  const r = generator(seed);
  // Half the cases are the usual set-up with one or two variations (the lean tier's to
  // answer), half anything at all (mostly the general tier's).
  const wild = r.chance(0.5);
  const g = {
    chance: (p: number) => r.chance(wild ? p : p / 6),
    pick: <T>(items: readonly T[]): T => (wild || r.chance(0.15) ? r.pick(items) : items[0]!),
  };
  const home = join(root, `case-${seed}`);
  mkdirSync(join(home, ".aws"), { recursive: true });
  const profile = g.pick(["prod", "default", "dev-1", "team.a"]);
  const header = profile === "default" && g.chance(0.5) ? "[default]" : `[profile ${profile}]`;
  const serialKey = g.pick(["mfa_serial", "mfa_serial", "aws_mfa_device", "aws_arn_mfa"]);
  const serial = g.pick([
    "arn:aws:iam::123456789012:mfa/lean",
    "arn:aws:iam::123456789012:mfa/lean",
    "arn:aws-cn:iam::123456789012:mfa/lean",
    "arn:aws-us-gov:iam::123456789012:mfa/lean",
    "GAHT12345678",
    "arn:aws:iam::123456789012:u2f/user/lean/key",
    "not a serial",
  ]);
  const partner = g.pick(["-long-term", "-long-term", "-mfa", "-default", "self", "none"]);
  const longTerm = partner === "self" ? profile : `${profile}${partner}`;
  const store = g.chance(0.15) ? g.pick(["keychain", "pass", "bogus"]) : undefined;
  const config: string[] = [];
  const credentials: string[] = [];
  if (g.chance(0.1)) config.push("[DEFAULT]\nregion = us-west-2\n");
  if (g.chance(0.1)) config.push("  [profile indented]\n");
  if (g.chance(0.1)) config.push(`[profile "${profile}"]\nregion = eu-north-1\n`);
  config.push(`# the ${profile} profile`);
  const own = [header];
  const serialInPartner = partner !== "self" && partner !== "none" && g.chance(0.3);
  if (!serialInPartner) own.push(`${serialKey} = ${serial}`);
  if (g.chance(0.6)) own.push(`region = ${g.pick(["eu-west-1", "cn-north-1", "mars-1", ""])}`);
  if (g.chance(0.1)) own.push(`duration_seconds = ${g.pick(["3600", "60", "soon"])}`);
  if (g.chance(0.1)) own.push(`awsmfa_write = ${g.pick(["false", "true", "maybe"])}`);
  if (g.chance(0.05)) own.push("role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = x");
  if (g.chance(0.05)) own.push(`awsmfa_long_term_profile = ${longTerm}`);
  if (g.chance(0.05)) own.push("\tregion = eu-west-1");
  if (g.chance(0.05)) own.push("sso_start_url = https://x");
  config.push(own.join("\n"), "");
  if (g.chance(0.1)) config.push(`${header}\nregion = eu-central-1\n`);
  if (profile === "default" && g.chance(0.2)) config.push("[profile default]\nregion = x\n");
  if (partner !== "none") {
    if (store && partner !== "self") {
      const noted = g.chance(0.5) ? `\nawsmfa_key_id = ${LONG_KEY}` : "";
      config.push(`[profile ${longTerm}]\nawsmfa_key_store = ${store}${noted}\n`);
    } else if (partner !== "self" && g.chance(0.1)) {
      config.push(`[profile ${longTerm}]\ncredential_process = /bin/echo\n`);
    } else {
      const id = g.pick([LONG_KEY, LONG_KEY, " AKIAIOSFODNN7EXAMPLE", "ASIAOLDSESSION000001"]);
      const token = g.chance(0.15) ? "\naws_session_token = stale" : "";
      credentials.push(
        `[${longTerm}]\naws_access_key_id = ${id}\naws_secret_access_key = s${token}\n`,
      );
    }
    if (serialInPartner) {
      credentials.push(`[${longTerm}]\n${serialKey} = ${serial}\n`);
    }
  }
  const expiresIn = g.pick([3 * 3600, 3 * 3600, 600, 12 * 3600 + 120, 0]);
  const expiration = new Date((Math.floor(Date.now() / 60_000) * 60 + expiresIn + 60) * 1000);
  const inFile = g.pick(["exact", "exact", "none", "stale", "akia", "twice"]);
  if (partner !== "self" && inFile !== "none") {
    const iso = expiration.toISOString().replace(/\.\d{3}Z$/, "Z");
    const id = inFile === "akia" ? LONG_KEY : SESSION_ID;
    const token = inFile === "stale" ? "old-token" : "lean-token";
    const extra = inFile === "twice" ? `\naws_access_key_id = ${LONG_KEY}` : "";
    credentials.push(
      `[${profile}]\naws_access_key_id = ${id}\naws_secret_access_key = lean/secret+1\naws_session_token = ${token}\nexpiration = ${iso}${extra}\n`,
    );
  }
  if (g.chance(0.05)) credentials.push("[crlf]\r\naws_access_key_id = x\r\n");
  writeFileSync(join(home, ".aws", "config"), config.join("\n"));
  writeFileSync(join(home, ".aws", "credentials"), credentials.join("\n"));

  const env: Record<string, string> = { HOME: home, XDG_CACHE_HOME: join(home, ".cache") };
  if (g.chance(0.1)) env.AWSMFA_SHELL = g.pick(["bash", "zsh", "fish", "powershell"]);
  if (g.chance(0.1)) env.AWS_ACCESS_KEY_ID = "AKIAOTHERKEYS0000001";
  if (g.chance(0.1)) env.AWSMFA_EXPIRES = String(Math.floor(Date.now() / 1000) + 60);
  if (g.chance(0.1)) env.AWS_REGION = g.pick(["eu-west-1", "cn-north-1", "nowhere"]);
  if (g.chance(0.1)) env.AWSMFA_MIN_REMAINING = g.pick(["1h", "5h", "later"]);
  if (g.chance(0.05)) env.AWSMFA_CACHE_DIR = join(home, "odd", "..", "cache");

  const record = g.pick(["good", "good", "good", "none", "damaged", "other-serial", "skewed"]);
  const keyId = store ? (g.chance(0.5) ? LONG_KEY : `${store}:${longTerm}`) : LONG_KEY;
  if (record !== "none") {
    const cacheEnv = { ...env };
    const path = sessionCachePath(
      { env: cacheEnv, homedir: home, platform: "linux", fs: undefined as never, uid: 0, gid: 0 },
      { longTermKeyId: keyId, serial: serial.trim() },
    );
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const data = {
      format: 1,
      accessKeyId: SESSION_ID,
      secretAccessKey: "lean/secret+1",
      sessionToken: "lean-token",
      expiration: expiration.toISOString(),
      serial: record === "other-serial" ? "GAHT00000000" : serial.trim(),
      ...(record === "skewed" ? { clock: { offsetMs: 3_600_000, measuredAt: Date.now() } } : {}),
    };
    writeFileSync(path, record === "damaged" ? "{not json" : JSON.stringify(data), { mode: 0o600 });
    if (g.chance(0.05)) chmodSync(dirname(path), 0o777);
  }
  const flags = g.chance(0.3) ? ["--no-write"] : [];
  const argv = g.chance(0.25)
    ? ["credential-process", profile]
    : g.chance(0.2)
      ? ["login", profile, ...flags]
      : [profile, ...flags];
  return { argv, env, home };
}

interface Said {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

function facts(c: Case, said: Said): FastFacts {
  return {
    env: c.env,
    platform: "linux",
    homedir: c.home,
    uid: process.getuid?.(),
    gid: process.getgid?.(),
    execPath: "/usr/bin/awsmfa",
    isTerminal: () => false,
    writers: {
      1: {
        write: (t) => {
          said.stdout += t;
        },
        isTTY: false,
      },
      2: {
        write: (t) => {
          said.stderr += t;
        },
        isTTY: false,
      },
    },
  };
}

async function generalSaid(invocation: FastInvocation, c: Case): Promise<Said> {
  const general: Said = { code: undefined, stdout: "", stderr: "" };
  general.code = await fastRun(invocation, facts(c, general));
  return general;
}

const libc = await libcFiles(process.platform, process.arch);
if (process.platform === "linux" && !libc) throw new Error("libc's file calls did not load");
const kinds: [string, LeanFiles][] = [["node:fs", nodeFiles()]];
if (libc) kinds.push(["libc", libc]);

describe.each(kinds)("the lean tier, its files read by %s", (_, files) => {
  test("answers exactly as the general tier, or leaves the line to it", async () => {
    let answered = 0;
    let leftAlone = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const c = makeCase(seed);
      const invocation = fastInvocation(c.argv, c.env);
      if (!invocation) continue;
      const lean: Said = { code: undefined, stdout: "", stderr: "" };
      lean.code = await leanMain(invocation, facts(c, lean), files);
      if (lean.code === undefined) {
        expect({ seed, said: lean.stdout + lean.stderr }).toEqual({ seed, said: "" });
        leftAlone++;
        continue;
      }
      answered++;
      let general = await generalSaid(invocation, c);
      // Both tiers read the real clock, a few ms apart: "valid for 3h01m" rounds to "3h00m" when
      // a half-minute passes between them. Such a pair is run once more; a real difference
      // stays a difference.
      if (!Bun.deepEquals(general, lean)) {
        const again: Said = { code: undefined, stdout: "", stderr: "" };
        again.code = await leanMain(invocation, facts(c, again), files);
        Object.assign(lean, again);
        general = await generalSaid(invocation, c);
      }
      expect({ seed, ...general }).toEqual({ seed, ...lean });
    }
    // Both kinds must be well represented, or this test shows little.
    expect(answered).toBeGreaterThan(60);
    expect(leftAlone).toBeGreaterThan(60);
  });
});
