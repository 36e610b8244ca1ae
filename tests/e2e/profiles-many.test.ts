/**
 * `awsmfa login prod staging dev`: several profiles in one run, one code per MFA device;
 * profiles on the same long-term keys and device share one session. The shell gets the
 * first profile's variables, and stderr says so.
 */
import { describe, expect, test } from "bun:test";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { sessionFromStdout } from "../support/profile-files.ts";

const world = useLoginWorld();

/** prod and staging on one user and device; dev on another user with its own device. */
function threeProfiles(): { user: LoginUser; devSerial: string; devKeyId: string } {
  const user = world.user();
  const dev = world.aws.addUser();
  const devSerial = dev.devices[0]!.serial;
  user.sandbox.writeCredentials(
    `${user.sandbox.readCredentials()}\n[dev-long-term]\naws_access_key_id = ${dev.accessKeyId}\naws_secret_access_key = ${dev.secretAccessKey}\n`,
  );
  user.sandbox.writeConfig(
    [
      "[profile prod]",
      `mfa_serial = ${user.serial}`,
      "region = eu-west-1",
      "[profile staging]",
      `mfa_serial = ${user.serial}`,
      "awsmfa_long_term_profile = prod-long-term",
      "[profile dev]",
      `mfa_serial = ${devSerial}`,
      "",
    ].join("\n"),
  );
  return { user, devSerial, devKeyId: dev.accessKeyId };
}

function tokens(user: LoginUser) {
  return world.aws.calls.filter(
    (c) => c.action === "GetSessionToken" && c.accessKeyId === user.user.accessKeyId,
  );
}

describe("login with several profiles", () => {
  test("one code per device (--otp - reads one line each); shared keys share the session", async () => {
    const { user, devSerial, devKeyId } = threeProfiles();
    const codes = `${user.code()}\n${world.aws.code(devSerial)}\n`;
    const r = await user.run(["login", "prod", "staging", "dev", "--otp", "-"], { stdin: codes });
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(tokens(user)).toHaveLength(1);
    expect(world.aws.calls.filter((c) => c.accessKeyId === devKeyId)).toHaveLength(1);
    expect(r.stderr).toContain("New session for prod");
    expect(r.stderr).toContain("Reusing session for staging");
    expect(r.stderr).toContain("New session for dev");
    expect(r.stderr).toContain("This shell now uses prod, the first profile named.");
    expect(r.stderr).toContain("Also logged in: staging, dev");
    const shell = await sessionFromStdout(r.stdout, user.sandbox.env);
    expect(r.stdout).toContain("export AWS_PROFILE='prod'");
    const file = user.sandbox.readCredentials();
    const section = (name: string) => file.split(`[${name}]\n`)[1]?.split("\n\n")[0] ?? "";
    expect(section("prod")).toContain(`aws_session_token = ${shell.sessionToken}`);
    expect(section("staging")).toContain(`aws_session_token = ${shell.sessionToken}`);
    expect(section("dev")).toContain("aws_session_token = ");
    expect(section("dev")).not.toContain(shell.sessionToken);
  });

  test("--force with two profiles on one device asks AWS once", async () => {
    const { user } = threeProfiles();
    expect((await user.run(["prod", "--otp", user.code()])).code).toBe(0);
    world.aws.clockOffsetMs += 30_000;
    try {
      const r = await user.run(["login", "prod", "staging", "--force", "--otp", user.code()]);
      expect(r.code).toBe(0);
      expect(tokens(user)).toHaveLength(2);
      expect(r.stderr).toContain("Reusing session for staging");
    } finally {
      world.aws.clockOffsetMs -= 30_000;
    }
  });

  test("--otp CODE serves one device; a second device without a terminal is a clear error", async () => {
    const { user } = threeProfiles();
    const r = await user.run(["login", "prod", "dev", "--otp", user.code()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("false\n");
    expect(r.stderr).toContain("--otp gave one code, used for the first device; dev needs a code");
    // prod's session was obtained and written before dev failed; it stays usable.
    expect(user.sandbox.readCredentials()).toContain("[prod]\naws_access_key_id = ASIA");
  });

  test("a refusal for any profile comes before the first code", async () => {
    const { user } = threeProfiles();
    user.sandbox.writeCredentials(
      `${user.sandbox.readCredentials()}\n[dev]\naws_access_key_id = AKIALONGTERMINDEV001\naws_secret_access_key = x\n`,
    );
    const r = await user.run(["login", "prod", "dev", "--otp", user.code()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("[dev] in");
    expect(tokens(user)).toHaveLength(0);
  });

  test("a profile named twice is logged into once; --profile with other names is refused", async () => {
    const { user } = threeProfiles();
    const r = await user.run(["login", "prod", "prod", "--otp", user.code()]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("Also logged in");
    const both = await user.run(["login", "staging", "--profile", "prod"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Two profiles given: "staging" and --profile "prod"');
  });

  test("--format json prints the first profile's session and says so", async () => {
    const { user } = threeProfiles();
    const r = await user.run([
      "login",
      "prod",
      "staging",
      "--otp",
      user.code(),
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Version).toBe(1);
    expect(r.stderr).toContain("Printed the session of prod, the first profile named.");
  });
});
