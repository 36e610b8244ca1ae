/**
 * doctor's MFA profile and shell checks, and the report's wording and counts.
 */
import { describe, expect, test } from "bun:test";
import { count, renderReport, type Section } from "../../../src/commands/doctor/finding.ts";
import { checkProfiles, mfaProfiles } from "../../../src/commands/doctor/profiles.ts";
import { checkShell } from "../../../src/commands/doctor/shell-check.ts";
import { readAwsFiles } from "../../../src/config/aws-files.ts";
import { styleFor } from "../../../src/ui/report.ts";
import { KEYS, levels, useHomes } from "./support.ts";

const home = useHomes();

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

// Issue 11, item 9: a fix line is quoted by the user's shell's quoting, however hostile the path.
test("fix lines quote hostile paths for the user's shell", async () => {
  const { pasteable } = await import("../../../src/errors.ts");
  const { shellSyntax } = await import("../../../src/shell/index.ts");
  const path = "/home/we'ird $(touch x)/.aws";
  const sections = [
    {
      title: "Files",
      findings: [{ level: "problem" as const, text: "bad", fix: `chmod 700 ${pasteable(path)}` }],
    },
  ];
  for (const shell of ["bash", "fish", "powershell"]) {
    const quote = shellSyntax(shell)!.quote;
    const out = renderReport(sections, styleFor(false), quote);
    expect(out).toContain(`fix: chmod 700 ${quote(path)}`);
  }
  expect(renderReport(sections, styleFor(false))).toContain(
    `fix: chmod 700 '/home/we'\\''ird $(touch x)/.aws'`,
  );
});
