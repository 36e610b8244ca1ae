/**
 * awsmfa doctor with the compiled binary against the fake AWS: a healthy setup exits 0, and
 * each kind of breakage (a clock far from AWS's, keys readable by others, a profile a login
 * would refuse) exits 9 with its fix; an unreachable STS and a small clock offset only warn.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync } from "node:fs";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();
afterEach(() => {
  world.aws.clockOffsetMs = 0;
});

describe("awsmfa doctor", () => {
  test("a healthy setup after a login: exit 0, every section reported", async () => {
    const { run, code, serial } = world.user();
    expect((await run(["prod", "--otp", code()])).code).toBe(0);
    const r = await run(["doctor"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const title of ["Shell", "Files and folders", "Clock", "Code sources", "MFA profiles"]) {
      expect(r.stdout).toContain(`${title}\n`);
    }
    expect(r.stdout).toContain(`✓ This computer's clock agrees with AWS (${world.aws.url}).`);
    // From the code-source registry: no terminal in this test, no password manager on PATH.
    expect(r.stdout).toContain("· prompt: no terminal here");
    expect(r.stdout).toContain("· 1password: `op` is not on PATH");
    expect(r.stdout).not.toContain("argument:");
    expect(r.stdout).toMatch(
      new RegExp(
        `✓ prod: device ${serial.replace(/[/]/g, "\\/")}, long-term keys in \\[prod-long-term\\] \\(AKIA\\*{4}\\w{4}\\), region eu-west-1; session cached, 12h00m left`,
      ),
    );
    expect(r.stdout).toContain("! The awsmfa shell function is not set up");
    expect(r.stdout).toMatch(/No problems found; \d warnings?\.\n$/);
    expect(r.stdout).not.toContain("✗");
  });

  test("run through the shell function, it sees the function", async () => {
    const { run } = world.user();
    const r = await run(["doctor", "--offline"], { env: { AWSMFA_FUNCTION: "bash" } });
    expect(r.stdout).toContain("✓ The awsmfa shell function is loaded in this shell (bash).");
    expect(r.stdout).toContain("· Clock not compared with AWS (--offline).");
  });

  test("a clock 12 minutes off AWS is a problem (exit 9); 1 minute is a warning (exit 0)", async () => {
    const { run } = world.user();
    // 12m10s: the Date header has whole seconds, and "12m" holds for a few seconds either way.
    world.aws.clockOffsetMs = 12 * 60_000 + 10_000;
    const far = await run(["doctor"]);
    expect(far.code).toBe(9);
    expect(far.stdout).toContain(
      `✗ This computer's clock is 12m behind AWS (${world.aws.url}): AWS refuses requests signed with a clock that far off.`,
    );
    expect(far.stdout).toContain("fix: Turn on network time: sudo timedatectl set-ntp true");
    expect(far.stdout).toMatch(/1 problem found/);
    world.aws.clockOffsetMs = -61_000;
    const near = await run(["doctor"]);
    expect(near.code).toBe(0);
    expect(near.stdout).toMatch(/! This computer's clock is (1m|60s|62s|61s) ahead of AWS/);
  });

  test("--offline sends nothing; an unreachable STS only warns", async () => {
    const { run, user } = world.user();
    const before = world.aws.calls.length;
    expect((await run(["doctor", "--offline"])).code).toBe(0);
    expect(world.aws.calls.length).toBe(before);
    const r = await run(["doctor"], { env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("! Could not reach STS at http://127.0.0.1:9 to compare clocks");
    // The clock check is unsigned: no key of the user reached the fake AWS.
    expect(world.aws.calls.filter((c) => c.accessKeyId === user.accessKeyId)).toEqual([]);
  });

  test("long-term keys readable by others: exit 9 and the chmod that fixes it", async () => {
    const { run, sandbox } = world.user();
    chmodSync(sandbox.credentialsPath, 0o644);
    const r = await run(["doctor", "--offline"]);
    expect(r.code).toBe(9);
    expect(r.stdout).toContain(
      `✗ Credentials ${sandbox.credentialsPath} can be read or changed by other users: your long-term keys are exposed (mode 0644).`,
    );
    expect(r.stdout).toContain(`fix: chmod 600 ${sandbox.credentialsPath}`); // a plain path needs no quotes
    chmodSync(sandbox.credentialsPath, 0o600);
    expect((await run(["doctor", "--offline"])).code).toBe(0);
  });

  test("a profile a login would refuse: exit 9 with the login's own hint", async () => {
    const { run, sandbox } = world.user();
    sandbox.writeConfig(
      `${sandbox.readConfig()}[profile broken]\nawsmfa_long_term_profile = gone\n`,
    );
    const r = await run(["doctor", "--offline"]);
    expect(r.code).toBe(9);
    expect(r.stdout).toContain(
      "✗ broken: The long-term profile named by awsmfa_long_term_profile = gone in profile broken does not exist.",
    );
    expect(r.stdout).toContain(
      "fix: Put your IAM user's aws_access_key_id and aws_secret_access_key in [gone]",
    );
  });

  test("a config that cannot be read is reported as a problem, not a crash", async () => {
    const { run, sandbox } = world.user();
    const r = await run(["doctor", "--offline"], { env: { AWS_CONFIG_FILE: sandbox.home } });
    expect(r.code).toBe(9);
    expect(r.stdout).toContain(`✗ ${sandbox.home} is a folder, not a file.`);
    expect(r.stdout).toContain(
      "fix: Move the folder away, or point awsmfa at a file. Nothing was changed.",
    );
    expect(r.stdout).toContain("Code sources\n"); // the other sections still ran
    expect(r.stderr).toBe("");
  });
});
