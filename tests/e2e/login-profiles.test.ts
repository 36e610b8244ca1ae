/** Where login finds long-term keys, the MFA device and the region, in every partition. */
import { describe, expect, test } from "bun:test";
import { evalInBash, useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

describe("long-term keys", () => {
  test.each(["-long-term", "-mfa", "-default"])("found in [PROFILE%s]", async (suffix) => {
    const { run, code } = world.user({ longTermSuffix: suffix });
    const r = await run(["prod", "--otp", code()]);
    expect(r.code).toBe(0);
  });

  test("awsmfa_long_term_profile in the profile's config names them", async () => {
    const { run, code, sandbox, user, serial } = world.user();
    sandbox.writeCredentials(
      `[keys-of-alice]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
    );
    sandbox.writeConfig(
      `[profile prod]\nmfa_serial = ${serial}\nawsmfa_long_term_profile = keys-of-alice\n`,
    );
    expect((await run(["prod", "--otp", code()])).code).toBe(0);
  });

  test("--long-term-profile names them", async () => {
    const { run, code, sandbox, user, serial } = world.user();
    sandbox.writeCredentials(
      `[mine]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
    );
    sandbox.writeConfig(`[profile prod]\nmfa_serial = ${serial}\n`);
    const r = await run(["prod", "--long-term-profile", "mine", "--otp", code()]);
    expect(r.code).toBe(0);
    const missing = await run(["prod", "--long-term-profile", "nope", "--otp", code()]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("--long-term-profile nope does not exist");
  });

  test("the profile itself, when it holds long-term keys (and AWS_* keys in the shell are ignored)", async () => {
    const { run, code, sandbox, user, serial } = world.user();
    sandbox.writeCredentials(
      `[solo]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
    );
    sandbox.writeConfig(`[profile solo]\nmfa_serial = ${serial}\n`);
    const r = await run(["solo", "--otp", code(), "--yes"], {
      env: {
        AWS_ACCESS_KEY_ID: "ASIAPREVIOUSSESSION0",
        AWS_SECRET_ACCESS_KEY: "x",
        AWS_SESSION_TOKEN: "y",
      },
    });
    expect(r.code).toBe(0);
  });
});

describe("MFA device", () => {
  test.each(["mfa_serial", "aws_mfa_device", "aws_arn_mfa"])(
    "read from %s, in either file",
    async (key) => {
      const { run, code, sandbox, user, serial } = world.user({ serial: false });
      sandbox.writeCredentials(
        `[prod-long-term]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n${key} = ${serial}\n`,
      );
      world.aws.clearCalls();
      const r = await run(["prod", "--otp", code()]);
      expect(r.code).toBe(0);
      expect(world.aws.count("ListMFADevices")).toBe(0);
    },
  );

  test("--serial wins", async () => {
    const { run, code, sandbox, serial } = world.user();
    sandbox.writeConfig("[profile prod]\nmfa_serial = arn:aws:iam::000000000000:mfa/wrong\n");
    expect((await run(["prod", "--serial", serial, "--otp", code()])).code).toBe(0);
  });

  test("a serial that is no serial is a usage error", async () => {
    const { run } = world.user();
    const r = await run(["prod", "--serial", "arn:aws:iam::12:mfa/x", "--otp", "123456"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not an MFA device serial number");
  });

  test("discovered with ListMFADevices when there is one, and saved with a minimal edit", async () => {
    const { run, code, sandbox, serial } = world.user({ serial: false });
    const config =
      "# my settings\n[default]\nregion = us-east-1\n\n[profile prod]\n; keep this\nregion  =  eu-west-1\n\n[profile other]\noutput = json\n";
    sandbox.writeConfig(config);
    const r = await run(["prod", "--otp", code()]);
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Found MFA device ${serial}`);
    expect(r.stderr).toContain("Saved mfa_serial for prod");
    expect(sandbox.readConfig()).toBe(
      config.replace("=  eu-west-1\n", `=  eu-west-1\nmfa_serial  =  ${serial}\n`),
    );
    // Next time no lookup is needed.
    world.aws.clearCalls();
    world.aws.clockOffsetMs += 30_000;
    try {
      expect((await run(["prod", "--otp", code(), "--force"])).code).toBe(0);
      expect(world.aws.count("ListMFADevices")).toBe(0);
    } finally {
      world.aws.clockOffsetMs -= 30_000;
    }
  });

  test("several devices and no terminal: exit 7, lists them", async () => {
    const { run, user } = world.user({ serial: false, devices: 3 });
    const r = await run(["prod", "--otp", "123456"]);
    expect(r.code).toBe(7);
    for (const device of user.devices) expect(r.stderr).toContain(device.serial);
    expect(r.stderr).toContain("--serial");
  });

  test("no device at all: exit 3 with what to do", async () => {
    const { run } = world.user({ serial: false, devices: 0 });
    const r = await run(["prod", "--otp", "123456"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("has no MFA device");
  });

  test("ListMFADevices denied: derived from GetCallerIdentity, and said so", async () => {
    const { run, code, user, serial } = world.user({ serial: false, listMfaDevicesDenied: true });
    expect(serial).toBe(`arn:aws:iam::${user.account}:mfa/${user.name}`);
    const r = await run(["prod", "--otp", code()]);
    expect(r.stderr).toContain("Not allowed to list MFA devices");
    expect(r.stderr).toContain(serial);
    expect(r.code).toBe(0);
  });
});

describe("partitions", () => {
  test.each([
    ["aws-cn", "cn-north-1"],
    ["aws-us-gov", "us-gov-west-1"],
  ] as const)("an %s device works with no region set anywhere (%s)", async (partition, region) => {
    const { run, code, user } = world.user({ partition, region: null });
    world.aws.clearCalls();
    const r = await run(["prod", "--otp", code()]);
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(world.aws.calls.find((c) => c.accessKeyId === user.accessKeyId)?.action).toBe(
      "GetSessionToken",
    );
    expect(region).toMatch(/-1$/);
  });

  test.each([
    ["aws-cn", "cn-north-1"],
    ["aws-us-gov", "us-gov-west-1"],
  ] as const)(
    "with no region anywhere, an %s login exports the region it used (%s)",
    async (partition, region) => {
      const { run, code, sandbox } = world.user({ partition, region: null });
      const r = await run(["prod", "--otp", code()]);
      expect(r.code).toBe(0);
      const env = await evalInBash(r.stdout, sandbox.env);
      // Else every AWS tool in this shell would go to us-east-1, where these keys do not exist.
      expect([env.AWS_REGION, env.AWS_DEFAULT_REGION]).toEqual([region, region]);
    },
  );

  test("with no region anywhere, a commercial login sets no region", async () => {
    const { run, code, sandbox } = world.user({ region: null });
    const r = await run(["prod", "--otp", code()]);
    const env = await evalInBash(r.stdout, sandbox.env);
    expect(env.AWS_REGION).toBeUndefined();
  });

  test("a shell-wide AWS_REGION of another partition does not break an aws-cn login", async () => {
    const { run, code } = world.user({ partition: "aws-cn", region: null });
    const r = await run(["prod", "--otp", code()], { env: { AWS_REGION: "us-east-1" } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("using cn-north-1");
  });

  test("the profile's region is exported, in the right partition", async () => {
    const { run, code, sandbox } = world.user({ partition: "aws-us-gov" });
    const r = await run(["prod", "--otp", code()]);
    const env = await evalInBash(r.stdout, sandbox.env);
    expect(env.AWS_REGION).toBe("us-gov-east-1");
  });

  test("a root user gets the 1 h cap explained before the call", async () => {
    const { run, code } = world.user({ root: true });
    const r = await run(["prod", "--otp", code(), "--duration", "12h"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("limits sessions of the root user to 1 hour");
    expect(r.stderr).toContain("valid for 1h00m");
  });

  test.each([
    ["the profile's duration_seconds", [], {}, "2h00m", "7200"],
    ["AWSMFA_DURATION over the profile", [], { AWSMFA_DURATION: "3h" }, "3h00m", "10800"],
    ["--duration over both", ["--duration", "1h"], { AWSMFA_DURATION: "3h" }, "1h00m", "3600"],
  ] as const)(
    "duration_seconds = 7200 on an MFA profile: %s",
    async (_, args, vars, valid, asked) => {
      const { run, code, sandbox, user } = world.user();
      sandbox.writeConfig(
        sandbox
          .readConfig()
          .replace("[profile prod]\n", "[profile prod]\nduration_seconds = 7200\n"),
      );
      const r = await run(["prod", "--otp", code(), ...args], { env: { ...sandbox.env, ...vars } });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`valid for ${valid}`);
      const calls = world.aws.calls.filter(
        (c) => c.action === "GetSessionToken" && c.accessKeyId === user.accessKeyId,
      );
      expect(calls.map((c) => c.params.DurationSeconds)).toEqual([asked]);
    },
  );

  test("a duration_seconds out of range on an MFA profile: exit 3 before any code is used", async () => {
    const { run, code, sandbox, user } = world.user();
    sandbox.writeConfig(
      sandbox.readConfig().replace("[profile prod]\n", "[profile prod]\nduration_seconds = 60\n"),
    );
    const r = await run(["prod", "--otp", code()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('duration_seconds in profile "prod" is "60"');
    expect(world.aws.calls.filter((c) => c.accessKeyId === user.accessKeyId)).toHaveLength(0);
  });

  test("--duration 36h gives a 36 h session", async () => {
    const { run, code } = world.user();
    const r = await run(["prod", "--otp", code(), "--duration", "36h"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/valid for 36h00m/);
  });
});
