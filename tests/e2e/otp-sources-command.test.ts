/** awsmfa sources: the sources, which work here, and what each profile uses; no AWS, no tools run. */
import { describe, expect, test } from "bun:test";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { useLoginWorld } from "../support/login-world.ts";
import { ITEM, otpUser } from "../support/otp-user.ts";

const world = useLoginWorld();

/** A user whose PATH has only the fake op and bw, and four profiles that say different things. */
function setup() {
  const u = otpUser(world);
  const only = join(u.sandbox.home, "only-op-bw");
  mkdirSync(only);
  for (const tool of ["op", "bw"]) symlinkSync(join(u.tools.bin, tool), join(only, tool));
  u.configure(
    "awsmfa_otp_source = 1password",
    `awsmfa_op_item = ${ITEM}`,
    "[profile staging]",
    "awsmfa_long_term_profile = prod-long-term",
    "[profile dev]",
    "awsmfa_otp_source = ykman",
    "[profile ci]",
    "awsmfa_bw_item = CI item",
    "awsmfa_otp_timeout = 2m",
  );
  u.sandbox.writeCredentials(
    `${u.sandbox.readCredentials()}[dev]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = x\n`,
  );
  // Nothing else on PATH: the machine may have ykman or pass installed (CI installs pass).
  const env = { ...u.tools.env(), PATH: only };
  return { u, env };
}

describe("awsmfa sources", () => {
  test("lists every source with its availability, and each profile's choice", async () => {
    const { u, env } = setup();
    const calls = world.aws.calls.length;
    const r = await u.run(["sources"], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Code sources (choose with --otp-source or awsmfa_otp_source):");
    for (const [name, here] of [
      ["prompt", "no "],
      ["argument", "yes"],
      ["stdin", "yes"],
      ["1password", "yes"],
      ["bitwarden", "yes"],
      ["ykman", "no "],
      ["pass", "no "],
      ["command", "yes"],
    ] as const) {
      expect(lines.some((l) => l.startsWith(`  ${name.padEnd(9)}  ${here}  `))).toBe(true);
    }
    expect(r.stdout).toContain("`ykman` is not on PATH");
    expect(r.stdout).toContain(join(u.sandbox.home, "only-op-bw", "op"));
    const profiles = lines.slice(lines.indexOf("Profiles:") + 1).filter((l) => l !== "");
    expect(profiles).toEqual([
      '  prod     1password  awsmfa_op_item="AWS prod"  (awsmfa_otp_source of profile prod)',
      "  staging  prompt     (default) [not available here]",
      "  dev      error      Profile dev takes its MFA codes from ykman (awsmfa_otp_source of profile dev), but does not name the OATH account on the YubiKey.",
      '  ci       bitwarden  awsmfa_bw_item="CI item"  awsmfa_otp_timeout="2m"  (awsmfa_bw_item of profile ci)',
    ]);
    // Nothing was run and nothing was asked of AWS.
    expect(u.tools.calls()).toEqual([]);
    expect(world.aws.calls.length).toBe(calls);
  });

  test("the environment applies to every profile, and says so", async () => {
    const { u, env } = setup();
    const r = await u.run(["sources"], {
      env: { ...env, AWSMFA_OTP_SOURCE: "pass", AWSMFA_PASS_ENTRY: "aws/all" },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '  staging  pass       AWSMFA_PASS_ENTRY="aws/all"  (AWSMFA_OTP_SOURCE) [not available here]',
    );
  });

  test("--json: the same facts for scripts", async () => {
    const { u, env } = setup();
    const r = await u.run(["sources", "--json"], { env });
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.sources.map((s: { name: string }) => s.name)).toEqual([
      "prompt",
      "dialog",
      "argument",
      "stdin",
      "1password",
      "bitwarden",
      "ykman",
      "pass",
      "command",
    ]);
    const op = data.sources.find((s: { name: string }) => s.name === "1password");
    expect(op).toMatchObject({
      automatic: true,
      available: true,
      aliases: ["op", "onepassword"],
      settings: ["awsmfa_op_item", "awsmfa_op_account", "awsmfa_op_vault"],
    });
    expect(data.profiles[0]).toEqual({
      profile: "prod",
      longTermProfile: "prod-long-term",
      source: "1password",
      from: "awsmfa_otp_source of profile prod",
      settings: {
        awsmfa_op_item: { value: ITEM, from: "awsmfa_op_item of profile prod", layer: "config" },
      },
    });
    expect(data.profiles[2].error).toContain("does not name the OATH account");
  });

  test("no AWS files yet: says so", async () => {
    const { u, env } = setup();
    const r = await u.run(["sources"], {
      env: {
        ...env,
        AWS_CONFIG_FILE: "/nonexistent/c",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/k",
      },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toEndWith("\nNo profiles in the AWS config files yet.\n");
  });
});
