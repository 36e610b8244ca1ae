/** The pure parts of exec: the child's environment, exit statuses, foreground detection, argv. */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { childEnvironment } from "../../../src/commands/exec/child-env.ts";
import { exitStatus } from "../../../src/commands/exec/exit-status.ts";
import { parseExec } from "../../../src/commands/exec/index.ts";
import { renewalError } from "../../../src/commands/exec/session-for-exec.ts";
import { CancelledError, exitCodeFor, UsageError, UserError } from "../../../src/errors.ts";
import { foregroundFromProcStat, foregroundFromPsStat } from "../../../src/system/foreground.ts";

const session = {
  accessKeyId: "ASIAEXAMPLEEXAMPLE00",
  secretAccessKey: "secret/with+chars",
  sessionToken: "token==",
  expiration: new Date("2030-01-02T03:04:05.000Z"),
};

describe("childEnvironment", () => {
  test("the caller's variables, the session on top, the marker, stale tokens gone", () => {
    const env = childEnvironment(
      {
        PATH: "/bin",
        AWS_ACCESS_KEY_ID: "AKIAOLD",
        AWS_SECURITY_TOKEN: "old",
        AWS_REGION: "us-east-1",
        UNSET: undefined,
      },
      session,
      { profile: "prod", region: "eu-west-1" },
    );
    expect(env).toEqual({
      PATH: "/bin",
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: "2030-01-02T03:04:05Z",
      AWS_PROFILE: "prod",
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
      AWSMFA_EXPIRES: "1893553445",
      AWSMFA_EXEC: "prod",
    });
  });

  test("a profile without a region leaves the caller's region alone", () => {
    const env = childEnvironment({ AWS_REGION: "us-east-2" }, session, {
      profile: "dev",
      region: undefined,
    });
    expect(env.AWS_REGION).toBe("us-east-2");
    expect(env.AWS_DEFAULT_REGION).toBeUndefined();
  });
});

describe("exitStatus", () => {
  test.each([
    [{ code: 0, signal: null }, 0],
    [{ code: 7, signal: null }, 7],
    [{ code: 255, signal: null }, 255],
    [{ code: null, signal: "SIGINT" as const }, 130],
    [{ code: null, signal: "SIGTERM" as const }, 143],
    [{ code: null, signal: "SIGKILL" as const }, 137],
    [{ code: null, signal: "SIGHUP" as const }, 129],
  ])("%o -> %d", (result, status) => {
    expect(exitStatus(result, "x")).toBe(status);
  });

  test.each([
    ["ENOENT", "commandNotFound", "no such command"],
    ["EACCES", "commandNotExecutable", "not an executable program"],
    ["ENOEXEC", "commandNotExecutable", "not an executable program"],
  ])("a start error %s is a UserError with code %s", (errno, code, text) => {
    const spawnError = Object.assign(new Error(errno), { code: errno });
    let thrown: unknown;
    try {
      exitStatus({ code: null, signal: null, spawnError }, "tool");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    expect((thrown as UserError).code).toBe(code as UserError["code"]);
    expect((thrown as UserError).message).toContain(text);
  });
});

describe("foreground detection", () => {
  test.each([
    // pid (comm) state ppid pgrp session tty_nr tpgid ...
    ["100 (awsmfa) S 90 100 90 34816 100 4194304", true],
    ["100 (awsmfa) S 90 100 90 34816 90 4194304", false],
    ["100 (awsmfa) S 90 100 100 0 -1 4194304", false],
    ["100 (a) b) c) S 90 100 90 34816 100 0", true],
    ["garbage", undefined],
  ])("/proc stat %s -> %s", (text, expected) => {
    expect(foregroundFromProcStat(text)).toBe(expected);
  });

  test.each([
    ["S+\n", true],
    ["Ss\n", false],
    ["R+", true],
    ["", undefined],
  ])("ps stat %j -> %s", (text, expected) => {
    expect(foregroundFromPsStat(text)).toBe(expected);
  });

  test.skipIf(process.platform !== "linux")("this test process has a parseable /proc stat", () => {
    expect(foregroundFromProcStat(readFileSync("/proc/self/stat", "utf8"))).toBeBoolean();
  });
});

describe("parseExec", () => {
  test("options before --, the command after it", () => {
    const options = parseExec(
      "prod",
      ["aws", "s3", "ls", "--region", "x"],
      ["exec", "prod", "--region", "eu-west-1", "--", "aws", "s3", "ls", "--region", "x"],
      { region: "eu-west-1" },
    );
    expect(options.command).toEqual(["aws", "s3", "ls", "--region", "x"]);
    expect(options.session.region).toBe("eu-west-1");
    expect(options.force).toBe(false);
  });

  test("a second -- belongs to the command", () => {
    const options = parseExec("p", ["a", "--", "b"], ["exec", "p", "--", "a", "--", "b"], {});
    expect(options.command).toEqual(["a", "--", "b"]);
  });

  test("no -- is a usage error that shows the right line", () => {
    expect(() => parseExec("prod", ["aws", "s3"], ["exec", "prod", "aws", "s3"], {})).toThrow(
      UsageError,
    );
  });

  test("bad durations are usage errors", () => {
    expect(() => parseExec("p", ["x"], ["exec", "p", "--", "x"], { duration: "forever" })).toThrow(
      UsageError,
    );
    expect(() => parseExec("p", ["x"], ["exec", "p", "--", "x"], { roleDuration: "13h" })).toThrow(
      "--role-duration must be between 15m (900 s) and 12h (43200 s)",
    );
  });
});

describe("renewalError", () => {
  test.each([
    [130, "SIGINT", "Cancelled."],
    [143, "SIGTERM", "Cancelled by SIGTERM."],
    [129, "SIGHUP", "Cancelled by SIGHUP."],
  ] as const)("a helper that exited %d was cancelled by %s", (code, signal, message) => {
    const error = renewalError(code);
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.message).toBe(message);
    expect((error as CancelledError).signal).toBe(signal);
    // The exit code of the table: 128 + the signal's number.
    expect(exitCodeFor(error)).toBe(code);
  });

  test.each([1, 4, 7, 137])("a helper that exited %d could not renew", (code) => {
    const error = renewalError(code);
    expect(error).not.toBeInstanceOf(CancelledError);
    expect(error.message).toBe("awsmfa could not renew the session.");
  });
});
