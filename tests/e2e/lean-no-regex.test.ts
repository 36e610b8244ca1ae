/**
 * The cached lines the lean tier answers (commands/fast/lean.ts) run no regular expression in
 * the binary: the first one a run executes costs it ~0.15 ms and 1.4 MiB (docs/performance.md).
 * JavaScriptCore prints every expression it compiles when BUN_JSC_dumpCompiledRegExpPatterns
 * is set; none may be printed. A line the full CLI answers compiles some, which shows that the
 * switch works.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();
const DUMP = { BUN_JSC_dumpCompiledRegExpPatterns: "1" };
const COMPILED = "RegExp pattern for";

describe("the lean tier compiles no regular expression", () => {
  for (const partition of ["aws", "aws-cn"] as const) {
    test(`cached login, the bash function, credential-process (${partition})`, async () => {
      const login = world.user({ partition });
      expect((await login.run(["prod", "--otp", login.code()])).code).toBe(0);
      const lines: Array<[string[], Record<string, string>]> = [
        [["prod"], {}],
        [["login", "prod"], { AWSMFA_SHELL: "bash" }],
        [["prod", "--no-write"], { AWSMFA_SHELL: "zsh", AWSMFA_MIN_REMAINING: "1h 30m" }],
        [[], { AWS_PROFILE: "prod", AWS_REGION: "us-east-1" }],
        [["credential-process", "prod"], {}],
      ];
      for (const [args, env] of lines) {
        const run = await login.run(args, { env: { ...DUMP, ...env } });
        expect({ args, code: run.code }).toEqual({ args, code: 0 });
        expect(run.stdout).toContain("ASIA");
        expect({ args, compiled: run.stderr.includes(COMPILED) }).toEqual({
          args,
          compiled: false,
        });
      }
      // The full CLI compiles some: the switch is on. (The general tier's cached lines, fish
      // say, compile none either since the INI reader's and the formats' checks are loops.)
      const status = await login.run(["status", "--offline", "prod"], { env: DUMP });
      expect(status.code).toBe(0);
      expect(status.stderr).toContain(COMPILED);
    });
  }

  test("a note on stderr: AWS_REGION in another partition than the device (no region set)", async () => {
    const login = world.user({ partition: "aws-cn", region: null });
    expect((await login.run(["prod", "--otp", login.code()])).code).toBe(0);
    const run = await login.run(["prod"], { env: { ...DUMP, AWS_REGION: "us-east-1" } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("is in the aws partition but");
    expect(run.stderr).not.toContain(COMPILED);
  });
});
