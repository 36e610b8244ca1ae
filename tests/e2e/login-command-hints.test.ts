/**
 * The login command awsmfa suggests must work when typed as shown, whatever the profile's
 * name: `awsmfa ls` lists profiles, so a profile named ls is `awsmfa login ls`; a name with a
 * space is quoted; a name like a flag comes after `--`. Each suggestion here is run in bash.
 */
import { describe, expect, test } from "bun:test";
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

/** Runs `command` (starting with `awsmfa`) in bash, with the code from the command source. */
async function typed(user: LoginUser, command: string): Promise<{ code: number; out: string }> {
  const bin = join(user.sandbox.home, "bin");
  mkdirSync(bin, { recursive: true });
  rmSync(join(bin, "awsmfa"), { force: true });
  symlinkSync(await awsmfaBinary(), join(bin, "awsmfa"));
  const child = Bun.spawn(["bash", "-c", command], {
    env: {
      ...user.sandbox.env,
      PATH: `${bin}:${user.sandbox.env.PATH ?? "/usr/bin:/bin"}`,
      AWSMFA_OTP_COMMAND: `echo ${user.code()}`,
    },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, out: stdout + stderr };
}

/** The user's keys moved to [NAME-long-term], with the device in [profile NAME]. */
function rename(user: LoginUser, name: string, header: string): void {
  user.sandbox.writeCredentials(
    user.sandbox.readCredentials().replace("[prod-long-term]", `[${name}-long-term]`),
  );
  user.sandbox.writeConfig(user.sandbox.readConfig().replace("[profile prod]", header));
}

describe("the login command awsmfa suggests", () => {
  test("configure: a profile named like a command logs in with `awsmfa login NAME`", async () => {
    const user = world.user();
    rename(user, "ls", "[profile ls]");
    const r = await user.run(["configure", "ls", "--region", "eu-west-1"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("ls is set up. Log in with: awsmfa login ls\n");
    const login = await typed(user, "awsmfa login ls");
    expect(login.out).toContain("New session for ls");
    expect(login.code).toBe(0);
  });

  test.each([
    ["has space", '[profile "has space"]', "awsmfa 'has space'"],
    ["-x", "[profile -x]", "awsmfa login -- -x"],
    ["status", "[profile status]", "awsmfa login status"],
  ])("status: no session for %p: the suggested login works", async (name, header, expected) => {
    const user = world.user();
    rename(user, name, header);
    const r = await user.run(["status", "--offline", "--", name]);
    expect(r.code).toBe(6);
    expect(r.stdout).toContain(`no session; log in with \`${expected}\``);
    const login = await typed(user, expected);
    expect(login.out).toContain(`New session for ${name}`);
    expect(login.code).toBe(0);
  });
});
