/**
 * The profile commands as a person uses them, in a real bash under tmux: the configure wizard
 * answered at the terminal (the secret masked), a login that writes [prod], and logout through
 * the shell function, which also clears the shell's variables.
 */
import { afterEach, expect, test } from "bun:test";
import { existsSync, rmSync } from "node:fs";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
let session: ShellSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

if (!tmuxAvailable()) console.log("skipped the wizard test: tmux is not installed");

const SHOW = 'echo "[$AWS_PROFILE:$(printf %.4s "$AWS_ACCESS_KEY_ID")]"';

test.skipIf(!tmuxAvailable())(
  "bash: configure at the prompts, log in, log out through the shell function",
  async () => {
    const user = world.user();
    rmSync(user.sandbox.credentialsPath);
    rmSync(user.sandbox.configPath);
    const binary = await awsmfaBinary();
    const shell = await startShell("bash", {
      home: user.sandbox.home,
      env: user.sandbox.env,
      rc: `eval "$('${binary}' shell-init bash)"`,
      width: 200,
      height: 50,
    });
    session = shell;
    await shell.start("awsmfa configure prod");
    await shell.waitFor("AWS access key id", 10_000);
    await shell.type(user.user.accessKeyId);
    await shell.press("Enter");
    await shell.waitFor("AWS secret access key", 5000);
    await shell.type(user.user.secretAccessKey);
    await shell.press("Enter");
    await shell.waitFor("Region for prod", 10_000);
    expect(await shell.screen()).not.toContain(user.user.secretAccessKey);
    await shell.press("Enter"); // the suggested region
    await shell.waitFor("MFA codes come from", 5000);
    await shell.press("Enter"); // prompt: type the code
    const out = await shell.finish(10_000);
    expect(out).toContain(`belong to ${user.user.arn}`);
    expect(out).toContain("Log in with: awsmfa prod");
    expect(user.sandbox.readConfig()).toBe(
      `[profile prod]\nmfa_serial = ${user.serial}\nregion = us-east-1\n`,
    );

    await shell.start("awsmfa prod");
    await shell.waitFor("MFA code for prod", 10_000);
    await shell.type(user.code());
    await shell.press("Enter");
    expect(await shell.finish(10_000)).toContain("Saved the session in [prod]");
    expect(await shell.run(SHOW)).toContain("[prod:ASIA]");

    const logout = await shell.run("awsmfa logout", 10_000);
    expect(logout).toContain("Removed the AWS session variables from this shell.");
    expect(await shell.run(SHOW)).toContain("[:]");
    expect(user.sandbox.readCredentials()).not.toContain("aws_session_token");
  },
);

test.skipIf(!tmuxAvailable())(
  "bash: Ctrl-D in the configure wizard cancels it at once: exit 130, no file written",
  async () => {
    const user = world.user();
    rmSync(user.sandbox.credentialsPath);
    rmSync(user.sandbox.configPath);
    const binary = await awsmfaBinary();
    const shell = await startShell("bash", {
      home: user.sandbox.home,
      env: user.sandbox.env,
      width: 200,
      height: 50,
    });
    session = shell;
    await shell.start(`'${binary}' configure prod`);
    await shell.waitFor("AWS access key id", 10_000);
    await shell.type(user.user.accessKeyId);
    await shell.press("Enter");
    await shell.waitFor("AWS secret access key", 5000);
    await shell.press("C-d");
    await shell.finish(5000);
    expect(await shell.run('echo "status=$?"')).toContain("status=130");
    expect(existsSync(user.sandbox.credentialsPath)).toBe(false);
    expect(existsSync(user.sandbox.configPath)).toBe(false);
  },
);
