/**
 * Login lines cli.ts runs without commander (commands/known-login.ts): for every line the
 * recogniser accepts, the options are the ones commander's login command makes of it (the
 * real program, its action swapped for one that keeps them); every other line is left to
 * commander.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { buildProgram } from "../../src/cli.ts";
import { knownLoginLine } from "../../src/commands/known-login.ts";
import {
  knownLoginOptions,
  type LoginOptions,
  type loginCommand,
  loginOptionsOf,
} from "../../src/commands/login.ts";
import { OUTPUT_FORMATS } from "../../src/output/mode.ts";
import { testDeps } from "../support/test-deps.ts";

type Env = Record<string, string | undefined>;

/** What commander's login makes of the line, or the error it throws. */
async function commanderOptions(argv: readonly string[], env: Env): Promise<unknown> {
  const { deps } = testDeps({ env });
  const state = { exitCode: 0, outputMode: undefined };
  const program = await buildProgram({ deps, state }, argv);
  let options: unknown = "the login action did not run";
  const login = program.commands.find((c) => c.name() === "login")!;
  login.action((...args: unknown[]) => {
    const [positional, , command] = args;
    try {
      options = loginOptionsOf(
        positional as string[],
        command as ReturnType<typeof loginCommand>,
        env,
      );
    } catch (error) {
      options = { error: String(error) };
    }
  });
  await program.parseAsync([...argv], { from: "user" });
  return options;
}

function knownOptions(argv: readonly string[], env: Env): LoginOptions | { error: string } {
  const line = knownLoginLine(argv, env);
  if (!line) throw new Error(`not known: ${JSON.stringify(argv)}`);
  try {
    return knownLoginOptions(line, env);
  } catch (error) {
    return { error: String(error) };
  }
}

/** A known line's words, in any order: a profile, the code, and the optional flags. */
const knownLines = fc
  .record({
    login: fc.boolean(),
    profile: fc.option(fc.constantFrom("prod", "dev-1", "a=b", "login", "ls", "x y"), {
      nil: undefined,
    }),
    otp: fc.constantFrom("123456", "000000", "12345", "abc"),
    otpInline: fc.boolean(),
    format: fc.option(fc.constantFrom(...OUTPUT_FORMATS), { nil: undefined }),
    formatInline: fc.boolean(),
    flags: fc.subarray(["--no-write", "-y", "--yes"]),
    order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  })
  .map((r) => {
    const parts: string[][] = [r.otpInline ? [`--otp=${r.otp}`] : ["--otp", r.otp]];
    if (r.profile !== undefined) parts.push([r.profile]);
    if (r.format) parts.push(r.formatInline ? [`--format=${r.format}`] : ["--format", r.format]);
    for (const flag of r.flags) parts.push([flag]);
    // A profile named like a command is one only after `login`.
    const login = r.login || (r.profile !== undefined && ["login", "ls"].includes(r.profile));
    const words = parts
      .map((part, i) => ({ part, key: r.order[i]! }))
      .sort((a, b) => a.key - b.key)
      .flatMap((x) => x.part);
    return login ? ["login", ...words] : words;
  });

const envs = fc.record(
  {
    AWS_PROFILE: fc.constantFrom("team", ""),
    AWSMFA_MIN_REMAINING: fc.constantFrom("30m", "90", "", "soon"),
    AWSMFA_SHELL: fc.constantFrom("bash", "fish"),
    AWSMFA_EXPIRES: fc.constant("1796593797"),
    AWSMFA_DURATION: fc.constant(""),
  },
  { requiredKeys: [] },
);

describe("a known line gets the options commander makes of it", () => {
  test("property: any order of the known words, with the variables it may find set", async () => {
    await fc.assert(
      fc.asyncProperty(knownLines, envs, async (argv, env) => {
        expect(knownOptions(argv, env)).toEqual((await commanderOptions(argv, env)) as never);
      }),
      { numRuns: 150 },
    );
  });

  test.each([
    [["prod", "--otp", "123456"], {}],
    [["login", "--otp", "123456"], { AWS_PROFILE: "team" }],
    [["--otp=123456", "--no-write", "--format", "json", "prod"], { AWSMFA_MIN_REMAINING: "1h" }],
    [["prod", "--otp", "123456"], { AWSMFA_MIN_REMAINING: "nonsense" }],
  ] as const)("%p with %p", async (argv, env) => {
    const options = knownOptions(argv, env);
    expect(options).toEqual((await commanderOptions(argv, env)) as never);
  });

  test("the options are those of a fresh login with the code typed", () => {
    const options = knownOptions(["prod", "--otp", "123456", "-y"], { AWS_PROFILE: "x" });
    expect(options).toMatchObject({
      profile: "prod",
      profiles: ["prod"],
      otp: "123456",
      yes: true,
      noWrite: false,
      force: false,
      notify: false,
      format: undefined,
      durationGiven: false,
    });
  });
});

describe("every other line is commander's", () => {
  test.each([
    [["prod"], {}],
    [["prod", "--otp", "-"], {}],
    [["prod", "--otp", ""], {}],
    [["prod", "--otp="], {}],
    [["prod", "--otp"], {}],
    [["prod", "--otp", "1", "--otp", "2"], {}],
    [["prod", "dev", "--otp", "123456"], {}],
    [["prod", "--otp", "123456", "--debug"], {}],
    [["prod", "--otp", "123456", "-f"], {}],
    [["prod", "--otp", "123456", "--force"], {}],
    [["prod", "--otp", "123456", "--format", "bogus"], {}],
    [["prod", "--otp", "123456", "--format=json", "--format=sh"], {}],
    [["prod", "--otp", "123456", "--profile", "prod"], {}],
    [["prod", "--otp", "123456", "--duration", "1h"], {}],
    [["prod", "--otp", "123456", "--"], {}],
    [["prod", "--otp", "123456", ""], {}],
    [["ls", "--otp", "123456"], {}],
    [["exec", "--otp", "123456", "prod"], {}],
    [["credential-process", "--otp", "123456"], {}],
    [["help", "--otp", "123456"], {}],
    [["-h", "--otp", "123456"], {}],
    [["--otp", "123456", "--help"], {}],
    [["prod", "--otp", "123456"], { AWSMFA_DURATION: "1h" }],
    [["prod", "--otp", "123456"], { AWSMFA_NOTIFY: "1" }],
    [["prod", "--otp", "123456"], { AWSMFA_DEBUG: "1" }],
    [["prod", "--otp", "123456"], { AWSMFA_OTP_SOURCE: "ykman" }],
    [["prod", "--otp", "123456"], { AWSMFA_ROLE_DURATION: "1h" }],
  ] as const)("%p with %p", (argv, env) => {
    expect(knownLoginLine(argv, env)).toBeUndefined();
  });

  test("a variable set empty counts as unset", () => {
    expect(knownLoginLine(["prod", "--otp", "1"], { AWSMFA_DURATION: "" })).toBeDefined();
  });
});
