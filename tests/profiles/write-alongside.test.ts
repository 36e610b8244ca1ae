/**
 * A new session's two writes at once (profiles/write-session.ts writeSessionAlongside, given to
 * obtainSession by login): [prod]'s new text is written to its temp file and flushed while the
 * session cache is written, and the credentials file is replaced only after the cache write
 * succeeded. What the files show is as before: a failed cache write leaves the credentials file
 * as it was (no temp file left), a [prod] that cannot take the session still gets it cached.
 * Without the binary: testDeps, a sandbox HOME and the fake AWS in this process.
 */
import { expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readAwsFiles } from "../../src/config/aws-files.ts";
import type { Deps } from "../../src/deps.ts";
import { writeSessionAlongside } from "../../src/profiles/write-session.ts";
import { getSession } from "../../src/session/get-session.ts";
import { planLocally } from "../../src/session/local-plan.ts";
import { obtainSession } from "../../src/session/obtain.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

/**
 * [prod-long-term] keys under a comment, [prod] as its session side (or as `prod`, when given),
 * a device; the real time, with sleeps that return at once.
 */
function setup(prod = "") {
  const user = world.user({ region: "us-east-1" });
  const { sandbox, serial } = user;
  sandbox.writeCredentials(`# keys\n${sandbox.readCredentials()}${prod}`);
  const { deps } = user.testDeps({
    clock: { now: () => Date.now(), sleep: async () => undefined },
  });
  const awsFolder = join(sandbox.home, ".aws");
  const temps = () => readdirSync(awsFolder).filter((name) => name.endsWith(".awsmfa-tmp"));
  const credentials = () => readFileSync(join(awsFolder, "credentials"), "utf8");
  /** A fresh login of [prod] through obtainSession, with `spy` around the cache write. */
  const login = async (spy: (keep: () => Promise<void>) => Promise<void> = (keep) => keep()) => {
    const files = await readAwsFiles(deps);
    const local = planLocally(files, { profile: "prod" }, deps as Deps);
    let written: boolean | undefined;
    const obtained = await obtainSession(
      { ...local, serial: local.serial! },
      {
        durationSeconds: 3600,
        minRemainingSeconds: 60,
        force: false,
        otp: {
          name: "argument",
          automatic: false,
          available: async () => true,
          code: async () => user.code(),
        },
        alongside: async (session, keep) => {
          written = await writeSessionAlongside(files, "prod", session, deps, () => spy(keep));
        },
      },
      deps,
    );
    return { ...obtained, written };
  };
  return { sandbox, deps, serial, temps, credentials, login };
}

test("[prod]'s new text is on disk, flushed, while the cache is written; the file changes after", async () => {
  const s = setup("\n[prod]\nregion = eu-west-1\n");
  const before = s.credentials();
  let during: { temps: string[]; credentials: string } | undefined;
  const result = await s.login(async (keep) => {
    during = { temps: s.temps(), credentials: s.credentials() };
    await keep();
  });
  expect(result.written).toBe(true);
  // While the cache was written: the file as it was, its new text in one temp file beside it.
  expect(during!.credentials).toBe(before);
  expect(during!.temps).toHaveLength(1);
  const after = s.credentials();
  expect(after).toContain(`aws_access_key_id = ${result.session.accessKeyId}\n`);
  expect(after).toStartWith(`${before}aws_access_key_id = `);
  expect(s.temps()).toEqual([]);
});

test("a failed cache write leaves the credentials file as it was, and is the error", async () => {
  const s = setup("\n[prod]\nregion = eu-west-1\n");
  const before = s.credentials();
  const failure = new Error("the cache could not be written");
  await expect(
    s.login(async () => {
      throw failure;
    }),
  ).rejects.toBe(failure);
  expect(s.credentials()).toBe(before);
  expect(s.temps()).toEqual([]);
});

test("a [prod] that refuses the session (long-term keys) still gets it cached; the refusal is the error", async () => {
  const s = setup(
    "\n[prod]\naws_access_key_id = AKIALONGTERMLONGTERM\naws_secret_access_key = x\n",
  );
  const before = s.credentials();
  let kept = 0;
  await expect(
    s.login(async (keep) => {
      kept++;
      await keep();
    }),
  ).rejects.toThrow(/long-term/);
  expect(kept).toBe(1);
  expect(s.credentials()).toBe(before);
  // The session is in the cache: the next look finds it without a code.
  const cacheFiles = readdirSync(join(s.sandbox.home, ".cache"), { recursive: true });
  expect(cacheFiles.some((name) => String(name).endsWith(".json"))).toBe(true);
});

test("getSession hands the request's alongside on: once for a new session, not for a cached one", async () => {
  const s = setup();
  const files = await readAwsFiles(s.deps);
  const seen: string[] = [];
  const request = {
    profile: "prod",
    durationSeconds: 3600,
    minRemainingSeconds: 60,
    force: false,
    otp: () => ({
      name: "argument",
      automatic: false,
      available: async () => true,
      code: async () => world.aws.code(s.serial),
    }),
    alongside: async (session: { accessKeyId: string }, keep: () => Promise<void>) => {
      seen.push(session.accessKeyId);
      await keep();
    },
  };
  const first = await getSession(files, request, s.deps);
  expect(first.reused).toBe(false);
  expect(seen).toEqual([first.session.accessKeyId]);
  expect((await getSession(files, request, s.deps)).reused).toBe(true);
  expect(seen).toHaveLength(1);
});

test("the code-window record is begun only once [prod]'s new text is on its way to disk", async () => {
  const s = setup("\n[prod]\nregion = eu-west-1\n");
  const windows = join(s.sandbox.home, ".cache", "awsmfa", "code-windows");
  const listed = () => (existsSync(windows) ? readdirSync(windows) : []);
  let during: string[] | undefined;
  await s.login(async (keep) => {
    during = listed();
    await keep();
  });
  // Begun earlier, its lock and temp file were made while [prod]'s flush waited for them.
  expect(during).toEqual([]);
  expect(listed().filter((name) => name.endsWith(".json"))).toHaveLength(1);
});
