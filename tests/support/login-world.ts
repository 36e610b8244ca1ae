/**
 * A ready world for login tests: one fake AWS for the file, and per test a fresh IAM user
 * with its own MFA device (codes are one-use per device, so tests never share one) and a
 * throwaway HOME whose profiles point at it. A test logs in with the binary (`run`) or in this
 * process (`testDeps`, for cli's run or the session functions).
 */
import { afterAll, beforeAll } from "bun:test";
import type { Clock } from "../../src/deps.ts";
import type { FakeAws, FakeUser } from "./fake-aws.ts";
import { startFakeAws } from "./fake-aws.ts";
import { type RunOptions, type RunResult, runAwsmfa } from "./run-binary.ts";
import { makeSandbox, type Sandbox } from "./sandbox.ts";
import { type TestDeps, type TestDepsOptions, testDeps } from "./test-deps.ts";

export interface LoginWorld {
  readonly aws: FakeAws;
  /** A sandbox with [NAME-long-term] keys and [profile NAME] mfa_serial/region for a new user. */
  user(options?: UserSetup): LoginUser;
}

export interface UserSetup {
  profile?: string;
  partition?: "aws" | "aws-cn" | "aws-us-gov";
  region?: string | null;
  /** Write mfa_serial in the config (default true). */
  serial?: boolean;
  devices?: number;
  /** FIDO security keys besides the devices (default 0). */
  securityKeys?: number;
  root?: boolean;
  listMfaDevicesDenied?: boolean;
  /** Suffix of the long-term profile (default "-long-term"). */
  longTermSuffix?: string;
}

export interface LoginUser {
  sandbox: Sandbox;
  user: FakeUser;
  serial: string;
  profile: string;
  /** The valid code right now (by the fake's clock). */
  code(): string;
  /** Runs the binary in this sandbox. */
  run(args: readonly string[], options?: Partial<RunOptions>): Promise<RunResult>;
  /**
   * `configure PROFILE` with this user's key id and its secret piped on stdin, into the key
   * store `store`; `extra` arguments follow.
   */
  configureKeys(
    store: string,
    options?: { extra?: readonly string[]; env?: Record<string, string> },
  ): Promise<RunResult>;
  /**
   * testDeps() for awsmfa in this process, at home in this sandbox: its environment and HOME,
   * and the real time with real sleeps (the fake AWS judges codes and expiries by its clock,
   * which is the real one unless a test moves it). `options` override any of it.
   */
  testDeps(options?: TestDepsOptions): TestDeps;
}

/** The clock of an in-process login unless a test gives its own. */
const REAL_TIME: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Bun.sleep(ms),
};

/** Registers beforeAll/afterAll for one fake AWS and cleans every sandbox made. */
export function useLoginWorld(): LoginWorld {
  let aws: FakeAws | undefined;
  const sandboxes: Sandbox[] = [];
  beforeAll(async () => {
    aws = await startFakeAws();
  });
  afterAll(async () => {
    await aws?.stop();
    for (const sandbox of sandboxes) sandbox.cleanup();
  });
  return {
    get aws() {
      if (!aws) throw new Error("the fake AWS is not running yet (use it inside a test)");
      return aws;
    },
    user(setup: UserSetup = {}) {
      const fake = this.aws;
      const profile = setup.profile ?? "prod";
      const user = fake.addUser({
        partition: setup.partition ?? "aws",
        devices: setup.devices ?? 1,
        securityKeys: setup.securityKeys ?? 0,
        root: setup.root ?? false,
        listMfaDevicesDenied: setup.listMfaDevicesDenied ?? false,
      });
      const serial = user.devices[0]?.serial ?? "";
      const sandbox = makeSandbox({ endpoint: fake.url });
      sandboxes.push(sandbox);
      const longTerm = `${profile}${setup.longTermSuffix ?? "-long-term"}`;
      sandbox.writeCredentials(
        `[${longTerm}]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
      );
      const region = setup.region === undefined ? defaultRegion(user.partition) : setup.region;
      const lines = [profile === "default" ? "[default]" : `[profile ${profile}]`];
      if (setup.serial !== false && serial) lines.push(`mfa_serial = ${serial}`);
      if (region) lines.push(`region = ${region}`);
      sandbox.writeConfig(`${lines.join("\n")}\n`);
      const run = (args: readonly string[], options: Partial<RunOptions> = {}) =>
        runAwsmfa(args, { ...options, env: { ...sandbox.env, ...(options.env ?? {}) } });
      return {
        sandbox,
        user,
        serial,
        profile,
        code: () => fake.code(serial),
        run,
        configureKeys: (store, { extra = [], env = {} } = {}) =>
          run(
            [
              "configure",
              profile,
              "--access-key-id",
              user.accessKeyId,
              "--secret-access-key",
              "-",
              "--key-store",
              store,
              ...extra,
            ],
            { stdin: `${user.secretAccessKey}\n`, env },
          ),
        testDeps: (options = {}) =>
          testDeps({ env: sandbox.env, homedir: sandbox.home, clock: REAL_TIME, ...options }),
      };
    },
  };
}

function defaultRegion(partition: string): string {
  if (partition === "aws-cn") return "cn-northwest-1";
  if (partition === "aws-us-gov") return "us-gov-east-1";
  return "eu-west-1";
}

/** Evaluates POSIX export lines in a real bash and returns the resulting environment. */
export async function evalInBash(
  code: string,
  env: Record<string, string>,
): Promise<Record<string, string>> {
  const child = Bun.spawn(["bash", "-c", 'eval "$1" && env -0', "bash", code], {
    env,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [status, out, err] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  if (status !== 0) throw new Error(`bash could not evaluate the output (${status}): ${err}`);
  const vars: Record<string, string> = {};
  for (const entry of out.split("\0")) {
    const at = entry.indexOf("=");
    if (at > 0) vars[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return vars;
}
