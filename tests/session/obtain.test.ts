/**
 * obtainSession without the binary: testDeps, a sandbox HOME and the fake AWS in this process
 * (the real SDK signs real requests to it). Reuse of the cached session, one code per session,
 * retries of a refused code by kind of source, the root user's one-hour cap, and the note when
 * AWS grants less than asked.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { readAwsFiles } from "../../src/config/aws-files.ts";
import type { Deps } from "../../src/deps.ts";
import { AuthError, UserError } from "../../src/errors.ts";
import type { OtpRequest, OtpSource } from "../../src/otp/source.ts";
import { argumentSource } from "../../src/otp/sources/argument.ts";
import { sessionCachePath, sessionKey } from "../../src/session/cache.ts";
import { getSession } from "../../src/session/get-session.ts";
import { planLocally } from "../../src/session/local-plan.ts";
import { type ObtainOptions, obtainSession } from "../../src/session/obtain.ts";
import type { FakeUser } from "../support/fake-aws.ts";
import { type UserSetup, useLoginWorld } from "../support/login-world.ts";
import type { TestDeps } from "../support/test-deps.ts";

const world = useLoginWorld();

interface Setup extends TestDeps {
  user: FakeUser;
  serial: string;
  /** The requests the code source got, in order. */
  asked: OtpRequest[];
  source(options?: { name?: string; automatic?: boolean; wrong?: number }): OtpSource;
  obtain(options?: Partial<ObtainOptions>): ReturnType<typeof obtainSession>;
}

/**
 * A user with long-term keys in [prod-long-term] and its device as mfa_serial of [prod]; the
 * real time, with sleeps that return at once.
 */
function setup(userSetup: UserSetup = {}): Setup {
  const login = world.user({ region: "us-east-1", ...userSetup });
  const { user, serial } = login;
  const made = login.testDeps({ clock: { now: () => Date.now(), sleep: async () => undefined } });
  const asked: OtpRequest[] = [];
  const source: Setup["source"] = ({ name = "prompt", automatic = false, wrong = 0 } = {}) => ({
    name,
    automatic,
    available: async () => true,
    code: async (request) => {
      asked.push(request);
      const right = login.code();
      // A wrong code: the right one with its last digit changed.
      return asked.length <= wrong ? `${right.slice(0, 5)}${(Number(right[5]) + 1) % 10}` : right;
    },
  });
  const obtain = async (options: Partial<ObtainOptions> = {}) => {
    const files = await readAwsFiles(made.deps);
    const local = planLocally(files, { profile: "prod" }, made.deps as Deps);
    const plan = { ...local, serial: local.serial! };
    return obtainSession(
      plan,
      { durationSeconds: 3600, minRemainingSeconds: 60, force: false, otp: source(), ...options },
      made.deps,
    );
  };
  return { ...made, user, serial, asked, source, obtain };
}

/**
 * A temp file of the session cache's (session keys in such a file), left next to it by a writer
 * killed an hour ago: what the MFA lock's tidy removes. Its path.
 */
async function killedWritersTemp(s: Setup): Promise<string> {
  const files = await readAwsFiles(s.deps);
  const local = planLocally(files, { profile: "prod" }, s.deps as Deps);
  const path = sessionCachePath(s.deps, sessionKey({ longTerm: local.longTerm, serial: s.serial }));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const left = join(dirname(path), `.${basename(path)}.0badc0de-1-0123.awsmfa-tmp`);
  writeFileSync(left, "half-written");
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(left, hourAgo, hourAgo);
  return left;
}

describe("obtainSession", () => {
  test("the caller's whileWaiting runs once while GetSessionToken is out; not for a cached session", async () => {
    const s = setup();
    const before = world.aws.count("GetSessionToken");
    const seen: number[] = [];
    // The fake AWS answers in this thread: while the work runs, it cannot have seen the call.
    const whileWaiting = () => seen.push(world.aws.count("GetSessionToken") - before);
    const first = await s.obtain({ whileWaiting });
    expect(first.reused).toBe(false);
    expect(seen).toEqual([0]);
    expect(world.aws.count("GetSessionToken") - before).toBe(1);
    const again = await s.obtain({ whileWaiting });
    expect(again.reused).toBe(true);
    expect(seen).toEqual([0]);
  });

  test("the MFA lock's folder is tidied while GetSessionToken is out, not before the code", async () => {
    const s = setup();
    const left = await killedWritersTemp(s);
    const atCode: boolean[] = [];
    const plain = s.source();
    const otp = {
      ...plain,
      code: (request: OtpRequest) => {
        atCode.push(existsSync(left));
        return plain.code(request, s.deps);
      },
    };
    expect((await s.obtain({ otp })).reused).toBe(false);
    expect(atCode).toEqual([true]);
    expect(existsSync(left)).toBe(false);
  });

  test("a login whose code source fails before AWS is asked still tidies the MFA lock's folder", async () => {
    const s = setup();
    const left = await killedWritersTemp(s);
    const otp = {
      ...s.source(),
      code: async () => {
        throw new UserError("No terminal to ask for the code on.");
      },
    };
    await expect(s.obtain({ otp })).rejects.toThrow("No terminal to ask for the code on.");
    expect(existsSync(left)).toBe(false);
  });

  test("getSession hands the request's whileWaiting on to the call", async () => {
    const s = setup();
    const files = await readAwsFiles(s.deps);
    let runs = 0;
    const request = {
      profile: "prod",
      durationSeconds: 3600,
      minRemainingSeconds: 60,
      force: false,
      otp: () => s.source(),
      whileWaiting: () => runs++,
    };
    expect((await getSession(files, request, s.deps)).reused).toBe(false);
    expect((await getSession(files, request, s.deps)).reused).toBe(true);
    expect(runs).toBe(1);
  });

  test("a failing whileWaiting costs nothing: the session comes, cached", async () => {
    const s = setup();
    const whileWaiting = () => {
      throw new Error("only a head start");
    };
    expect((await s.obtain({ whileWaiting })).reused).toBe(false);
    expect((await s.obtain()).reused).toBe(true);
  });

  test("asks one code, calls GetSessionToken once, then reuses the cached session", async () => {
    const s = setup();
    const before = world.aws.count("GetSessionToken");
    const first = await s.obtain();
    expect(first.reused).toBe(false);
    expect(first.session.accessKeyId).toStartWith("ASIA");
    expect(s.asked).toEqual([{ profile: "prod", serial: s.serial, attempt: 1 }]);
    const again = await s.obtain();
    expect(again).toEqual({ session: first.session, reused: true });
    expect(s.asked).toHaveLength(1);
    expect(world.aws.count("GetSessionToken")).toBe(before + 1);
  });

  test("--force, or too little time left, gets a new session", async () => {
    const s = setup();
    const first = await s.obtain();
    // AWS refuses a code it has seen: each new session needs the next code window.
    try {
      world.aws.clockOffsetMs = 30_000;
      const forced = await s.obtain({ force: true });
      expect(forced.reused).toBe(false);
      expect(forced.session.accessKeyId).not.toBe(first.session.accessKeyId);
      world.aws.clockOffsetMs = 60_000;
      const longer = await s.obtain({ minRemainingSeconds: 7200 });
      expect(longer.reused).toBe(false);
    } finally {
      world.aws.clockOffsetMs = 0;
    }
    expect(s.asked).toHaveLength(3);
  });

  test("a person at the prompt may retype a refused code, and is told why", async () => {
    const s = setup();
    const got = await s.obtain({ otp: s.source({ wrong: 2 }) });
    expect(got.reused).toBe(false);
    expect(s.asked.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(s.asked[1]!.previousProblem).toContain("Wait for the next code.");
  });

  test("three refused codes at the prompt end it with the AuthError", async () => {
    const s = setup();
    const error = await s.obtain({ otp: s.source({ wrong: 3 }) }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(s.asked).toHaveLength(3);
  });

  test("a code typed with --otp (given: no SDK preload timer) gets the session", async () => {
    const s = setup();
    const otp = argumentSource(world.aws.code(s.serial));
    expect(otp.given).toBe(true);
    const got = await s.obtain({ otp });
    expect(got.reused).toBe(false);
    expect(got.session.accessKeyId).toStartWith("ASIA");
  });

  test("a code given once (--otp 123456) is not asked again when refused", async () => {
    const s = setup();
    const error = await s.obtain({ otp: s.source({ name: "argument", wrong: 1 }) }).catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain("rejected the MFA code");
    expect(s.asked).toHaveLength(1);
  });

  test("the root user's session is asked for one hour, and the person is told", async () => {
    const s = setup({ root: true });
    expect(s.serial).toEndWith(":mfa/root-account-mfa-device");
    const got = await s.obtain({ durationSeconds: 12 * 3600 });
    expect(s.stderr()).toContain("AWS limits sessions of the root user to 1 hour");
    expect(got.session.expiration.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
  });

  test("a session shorter than asked is said on stderr", async () => {
    const s = setup();
    world.aws.sessionLifetimeOverrideSeconds = 900;
    try {
      await s.obtain({ durationSeconds: 3600 });
    } finally {
      world.aws.sessionLifetimeOverrideSeconds = undefined;
    }
    expect(s.stderr()).toMatch(/AWS granted 1[45]m\d*s? instead of the 1h00m asked for/);
  });
});
