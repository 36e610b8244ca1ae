/**
 * Issue 11, item 3 and parts of 16: what awsmfa reads from children is capped, no path prints
 * the bundle's source, a closed stdout is a normal end, control characters in names never reach
 * the terminal raw.
 */
import { describe, expect, test } from "bun:test";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

describe("children", () => {
  test("--otp-command with endless output: exit 8 at once, a short message", async () => {
    const u = world.user();
    const r = await u.run(["login", u.profile, "--otp-command", "yes", "--format", "sh"], {
      timeoutMs: 20_000,
    });
    expect(r.code).toBe(8);
    expect(r.stderr).toContain("printed more than a code ever needs");
    expect(r.stderr.length).toBeLessThan(1000);
    expect(r.stdout).toBe("false\n");
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe("stdout closed by the reader", () => {
  test("`awsmfa credential-process --help | head`-like: no error, exit 0", async () => {
    const binary = await awsmfaBinary();
    const child = Bun.spawn(
      [
        "bash",
        "-c",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: bash code, not a template
        '"$0" credential-process --help | { exec 0<&-; sleep 0.3; }; echo "${PIPESTATUS[0]}"',
        binary,
      ],
      {
        stdout: "pipe",
        stderr: "pipe",
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NO_COLOR: "1" },
      },
    );
    const [out, err] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]);
    await child.exited;
    expect(err).toBe("");
    expect(out.trim()).toBe("0");
  });
});

describe("control characters for people", () => {
  test("an escape sequence in a profile name is shown escaped on stderr", async () => {
    const u = world.user();
    const r = await u.run(["login", "x\x1b]0;pwned\x07\x1b[2J", "--otp", "123456"]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain("\x1b");
    expect(r.stderr).not.toContain("\x07");
    expect(r.stderr).toContain("\\x1b]0;pwned\\x07");
  });
});

describe("--format dotenv with a value dotenv cannot hold (item 12)", () => {
  for (const profile of [`it's "x"`, "$" + "{HOME}"]) {
    test(`profile ${profile}: exit 3, a clear message, no bug report, no AWS call`, async () => {
      const u = world.user({ profile });
      const before = world.aws.calls.length;
      const r = await u.run(["login", profile, "--otp", u.code(), "--format", "dotenv"]);
      expect(r.stderr).not.toContain("This is a bug");
      expect(r.stderr).toContain("cannot be written to a dotenv file");
      expect(r.stderr).toContain("--format json");
      expect(r.code).toBe(3);
      // Refused before the code is spent: the profile name is known before any AWS call.
      expect(world.aws.calls.length).toBe(before);
      expect(r.stderr).not.toContain("New session");
    });
  }
});
