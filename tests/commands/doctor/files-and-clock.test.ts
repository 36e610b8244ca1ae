/**
 * doctor's file permission and clock checks, on throwaway files and fixed offsets.
 */
import { describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { judgeClock, readClockOffset } from "../../../src/commands/doctor/clock.ts";
import type { Finding } from "../../../src/commands/doctor/finding.ts";
import { checkPermissions } from "../../../src/commands/doctor/permissions.ts";
import { clockEndpoint } from "../../../src/commands/doctor/run-checks.ts";
import { readAwsFiles } from "../../../src/config/aws-files.ts";
import { withNotHttpServer } from "../../support/raw-server.ts";
import { KEYS, levels, useHomes } from "./support.ts";

const home = useHomes();

describe("permissions", () => {
  test("private files pass; readable credentials and an open cache are problems with a chmod", async () => {
    const { dir, deps } = home({
      ".aws/credentials": [`[prod-long-term]\n${KEYS}`, 0o644],
      ".aws/config": ["[profile prod]\n", 0o644],
      ".cache/awsmfa/sessions/abc.json": ["{}", 0o644],
    });
    chmodSync(join(dir, ".cache", "awsmfa"), 0o755);
    const findings = await checkPermissions(await readAwsFiles(deps), deps);
    expect(levels(findings)).toEqual([
      `ok: AWS folder ${dir}/.aws (0700)`,
      `problem: Credentials ${dir}/.aws/credentials can be read or changed by other users: your long-term keys are exposed (mode 0644).`,
      `ok: Config ${dir}/.aws/config (0644)`,
      `problem: Cache folder ${dir}/.cache/awsmfa is open to other users, and it holds your sessions (mode 0755).`,
      `problem: 1 cached session file(s) in ${dir}/.cache/awsmfa/sessions can be read by other users.`,
    ]);
    expect(findings[1]!.fix).toBe(`chmod 600 \uE000${dir}/.aws/credentials\uE001`);
    expect(findings[4]!.fix).toBe(`chmod 600 \uE000${dir}/.cache/awsmfa/sessions/abc.json\uE001`);
  });

  test("what every command would refuse about the cache folder is a problem too", async () => {
    const { dir, deps } = home({ ".cache/awsmfa/sessions/abc.json": ["{}", 0o600] });
    chmodSync(join(dir, ".cache", "awsmfa"), 0o700);
    chmodSync(join(dir, ".cache"), 0o777);
    const findings = await checkPermissions(await readAwsFiles(deps), deps);
    const found = findings.find((f) => f.text.includes("on the way to the cache folder"));
    expect(found?.level).toBe("problem");
    expect(found?.text).toContain(`${dir}/.cache, on the way to the cache folder`);
    expect(found?.fix).toBe(
      `Stop others writing it: chmod go-w \uE000${dir}/.cache\uE001  (or, for a shared folder like /tmp: chmod +t \uE000${dir}/.cache\uE001)`,
    );
    // Another user's cache folder (this test's user is "another" to uid 4242).
    const other = { ...deps, uid: 4242, gid: 4242 };
    chmodSync(join(dir, ".cache"), 0o755);
    const theirs = await checkPermissions(await readAwsFiles(other), other);
    expect(levels(theirs).join("\n")).toContain("belongs to another user");
  });

  test("a config others can write is a problem; missing files are only mentioned", async () => {
    const { dir, deps } = home({ ".aws/config": ["[default]\n", 0o666] });
    const findings = await checkPermissions(await readAwsFiles(deps), deps);
    expect(levels(findings)).toContain(
      `problem: Config ${dir}/.aws/config can be changed by other users (it names programs that run as you) (mode 0666).`,
    );
    expect(levels(findings)).toContain(`info: Credentials ${dir}/.aws/credentials: not found`);
  });

  test("the compiled binary and its folder must not be writable by others", async () => {
    const { dir, deps } = home();
    const binDir = join(dir, "bin");
    mkdirSync(binDir, { mode: 0o777 });
    chmodSync(binDir, 0o777);
    writeFileSync(join(binDir, "awsmfa"), "");
    chmodSync(join(binDir, "awsmfa"), 0o757);
    const compiled = {
      ...deps,
      selfPath: join(binDir, "awsmfa"),
      selfCommand: [join(binDir, "awsmfa")],
    };
    const problems = (await checkPermissions(await readAwsFiles(compiled), compiled)).filter(
      (f) => f.level === "problem",
    );
    expect(problems.map((f) => f.fix)).toEqual([
      `chmod go-w \uE000${binDir}/awsmfa\uE001`,
      `chmod go-w \uE000${binDir}\uE001`,
    ]);
  });

  test("Windows: not checked, and said so", async () => {
    const { deps } = home();
    const windows = { ...deps, platform: "win32" as const };
    expect(levels(await checkPermissions(await readAwsFiles(windows), windows))).toEqual([
      "info: File permissions are not checked on Windows.",
    ]);
  });
});

describe("the clock", () => {
  const endpoint = "https://sts.eu-west-1.amazonaws.com";
  test.each([
    [0, "ok", "agrees with AWS"],
    [900, "ok", "agrees with AWS"],
    [-12_000, "ok", "12s ahead of AWS"],
    [45_000, "warn", "45s behind AWS (https://sts.eu-west-1.amazonaws.com): codes computed"],
    [-299_000, "warn", "4m ahead of AWS"],
    [301_000, "problem", "5m behind AWS (https://sts.eu-west-1.amazonaws.com): AWS refuses"],
    [-3 * 3600_000, "problem", "3h00m ahead of AWS"],
  ])("an offset of %p ms is %s", (offsetMs, level, text) => {
    const finding = judgeClock({ offsetMs }, endpoint, "sync it");
    expect(finding.level).toBe(level as Finding["level"]);
    expect(finding.text).toContain(text);
    if (level !== "ok") expect(finding.fix).toBe("sync it");
  });

  test("an unreachable endpoint is a warning that names it", () => {
    const finding = judgeClock({ error: "ECONNREFUSED" }, endpoint, "sync it");
    expect(finding).toEqual({
      level: "warn",
      text: `Could not reach STS at ${endpoint} to compare clocks: ECONNREFUSED`,
      fix: undefined,
    });
  });

  test("an endpoint where something else answers: the reason in words, not the runtime's", async () => {
    await withNotHttpServer(async (port) => {
      const reading = await readClockOffset(`http://127.0.0.1:${port}`, Date.now);
      expect(reading).toEqual({
        error: expect.stringContaining("what answered is not an HTTP server"),
      });
      expect(JSON.stringify(reading)).not.toContain("verbose");
    });
  });

  test("the endpoint is the one a login would call", async () => {
    const { deps } = home({
      ".aws/config": [
        "[profile prod]\nmfa_serial = arn:aws-cn:iam::123456789012:mfa/a\n[profile eu]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::123456789012:mfa/b\n",
        0o600,
      ],
    });
    const files = await readAwsFiles(deps);
    expect(clockEndpoint(files, {})).toBe("https://sts.cn-north-1.amazonaws.com.cn");
    expect(clockEndpoint(files, { AWS_PROFILE: "eu" })).toBe("https://sts.eu-west-1.amazonaws.com");
    expect(clockEndpoint(files, { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9" })).toBe(
      "http://127.0.0.1:9",
    );
    expect(clockEndpoint(undefined, {})).toBe("https://sts.us-east-1.amazonaws.com");
  });
});
