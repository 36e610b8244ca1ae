/**
 * doctor's checks one by one, on throwaway files: permissions by mode, the clock's verdict by
 * offset, which profiles are MFA profiles and what is wrong with them, the shell integration,
 * and the report's wording and counts.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAwsFiles } from "../../src/config/aws-files.ts";
import type { Deps } from "../../src/deps.ts";
import { judgeClock } from "../../src/doctor/clock.ts";
import { count, type Finding, renderReport, type Section } from "../../src/doctor/finding.ts";
import { checkPermissions } from "../../src/doctor/permissions.ts";
import { checkProfiles, mfaProfiles } from "../../src/doctor/profiles.ts";
import { clockEndpoint } from "../../src/doctor/run-checks.ts";
import { checkShell } from "../../src/doctor/shell-check.ts";
import { styleFor } from "../../src/report.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-doctor-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let homes = 0;
function home(files: Record<string, [string, number]> = {}) {
  const dir = join(root, `home-${++homes}`);
  mkdirSync(join(dir, ".aws"), { recursive: true, mode: 0o700 });
  chmodSync(join(dir, ".aws"), 0o700);
  for (const [relative, [text, mode]] of Object.entries(files)) {
    const path = join(dir, relative);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
    chmodSync(path, mode);
  }
  const deps = {
    env: { XDG_CACHE_HOME: join(dir, ".cache") },
    homedir: dir,
    platform: "linux",
    fs: fsPromises,
    clock: { now: () => Date.UTC(2026, 10, 21), sleep: async () => undefined },
    io: { stderr: { write() {}, isTTY: false } },
    selfPath: "/usr/bin/env",
    selfCommand: ["/usr/bin/env", "script.ts"],
  } as unknown as Deps;
  return { dir, deps };
}

const levels = (findings: Finding[]) => findings.map((f) => `${f.level}: ${f.text}`);
const KEYS = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n";

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
    expect(findings[1]!.fix).toBe(`chmod 600 '${dir}/.aws/credentials'`);
    expect(findings[4]!.fix).toBe(`chmod 600 '${dir}/.cache/awsmfa/sessions/abc.json'`);
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
      `chmod go-w '${binDir}/awsmfa'`,
      `chmod go-w '${binDir}'`,
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

describe("MFA profiles", () => {
  const config = [
    "[profile prod]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nregion = eu-west-1",
    "[profile dev]\nawsmfa_long_term_profile = nowhere",
    "[profile typo]\nmfa_serial = alice",
    "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nsource_profile = prod",
    "[profile plain]\nregion = us-east-1",
    "[profile lookup]",
  ].join("\n");
  const credentials = `[prod-long-term]\n${KEYS}[typo-long-term]\n${KEYS}[lookup-mfa]\n${KEYS}[temp-long-term]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = x\naws_session_token = t\n[temp]\nmfa_serial = arn:aws:iam::123456789012:mfa/t\n`;

  test("are the profiles with a device, a named long-term profile, or one beside them", async () => {
    const { deps } = home({
      ".aws/config": [config, 0o600],
      ".aws/credentials": [credentials, 0o600],
    });
    expect(mfaProfiles(await readAwsFiles(deps))).toEqual([
      "prod",
      "dev",
      "typo",
      "lookup",
      "temp",
    ]);
  });

  test("each says what a login would find, or what would stop it and how to fix that", async () => {
    const { deps } = home({
      ".aws/config": [config, 0o600],
      ".aws/credentials": [credentials, 0o600],
    });
    const findings = await checkProfiles(await readAwsFiles(deps), deps);
    expect(levels(findings)).toEqual([
      "ok: prod: device arn:aws:iam::123456789012:mfa/alice, long-term keys in [prod-long-term] (AKIA****MPLE), region eu-west-1; no session",
      "problem: dev: The long-term profile named by awsmfa_long_term_profile = nowhere in profile dev does not exist.",
      'problem: typo: "alice" (mfa_serial in typo) is not an MFA device serial number.',
      "ok: lookup: long-term keys in [lookup-mfa] (AKIA****MPLE); no MFA device set, so the first login looks it up and saves it",
      'problem: temp: No long-term access keys found for profile "temp".',
    ]);
    expect(findings[1]!.fix).toContain("Put your IAM user's aws_access_key_id");
    expect(findings[2]!.fix).toContain("arn:aws:iam::123456789012:mfa/alice");
  });

  test("no MFA profile at all is worth a mention, not a problem", async () => {
    const { deps } = home({ ".aws/config": ["[default]\nregion = eu-west-1\n", 0o600] });
    expect(levels(await checkProfiles(await readAwsFiles(deps), deps))[0]).toStartWith(
      "info: No MFA profiles",
    );
  });
});

describe("the shell integration", () => {
  test("loaded: the function ran doctor", async () => {
    const { deps } = home();
    expect(levels(await checkShell({ ...deps, env: { AWSMFA_FUNCTION: "zsh" } }))).toEqual([
      "ok: The awsmfa shell function is loaded in this shell (zsh).",
    ]);
  });

  test("set up in the rc file but not loaded here; not set up, with the line to add", async () => {
    const { dir, deps } = home({ ".bashrc": ['eval "$(awsmfa shell-init bash)"\n', 0o644] });
    const bash = await checkShell({ ...deps, env: { SHELL: "/bin/bash" } });
    expect(bash[0]!.text).toBe(
      `The awsmfa shell function is set up in ${dir}/.bashrc, but not loaded where doctor ran.`,
    );
    const mac = home({ ".bash_profile": ['eval "$(awsmfa shell-init bash)"\n', 0o644] });
    const macBash = await checkShell({
      ...mac.deps,
      platform: "darwin",
      env: { SHELL: "/bin/bash" },
    });
    expect(macBash[0]!.text).toContain(`set up in ${mac.dir}/.bash_profile`);
    const bare = home();
    const macFix = await checkShell({
      ...bare.deps,
      platform: "darwin",
      env: { SHELL: "/bin/bash" },
    });
    expect(macFix[0]!.fix).toStartWith(`Add this line to ${bare.dir}/.bash_profile`);
    const fish = await checkShell({ ...deps, env: { SHELL: "/usr/bin/fish" } });
    expect(fish[0]!.level).toBe("warn");
    expect(fish[0]!.fix).toBe(
      `Add this line to ${dir}/.config/fish/conf.d/awsmfa.fish, then open a new shell:\nawsmfa shell-init fish | source`,
    );
  });
});

describe("the report", () => {
  const sections: Section[] = [
    {
      title: "Files",
      findings: [
        { level: "ok", text: "fine" },
        { level: "problem", text: "bad", fix: "chmod 600 x\nthen retry" },
      ],
    },
    {
      title: "Clock",
      findings: [
        { level: "warn", text: "a bit off" },
        { level: "info", text: "fyi" },
      ],
    },
  ];

  test("marks each finding, shows each fix, counts problems and warnings", () => {
    expect(renderReport(sections, styleFor(false))).toBe(
      [
        "Files",
        "  ✓ fine",
        "  ✗ bad",
        "      fix: chmod 600 x",
        "           then retry",
        "",
        "Clock",
        "  ! a bit off",
        "  · fyi",
        "",
        "1 problem found, 1 warning.",
        "",
      ].join("\n"),
    );
    expect(count(sections, "problem")).toBe(1);
  });

  test("all clear", () => {
    expect(
      renderReport([{ title: "A", findings: [{ level: "ok", text: "x" }] }], styleFor(false)),
    ).toEndWith("No problems found.\n");
  });
});
