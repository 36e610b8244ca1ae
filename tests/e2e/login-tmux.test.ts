/**
 * The product as a person uses it: a real interactive bash, zsh and fish in tmux, with the
 * shell function from `awsmfa shell-init`, the code typed at the prompt on /dev/tty while the
 * function captures stdout, and the variables landing in that same shell.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { type ShellKind, type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
const shells: ShellKind[] = ["bash", "zsh", "fish"];
let session: ShellSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

if (!tmuxAvailable())
  console.log("skipped: tmux is not installed, so the shell-function tests cannot run");

function load(kind: ShellKind, binary: string): string {
  return kind === "fish"
    ? `'${binary}' shell-init fish | source`
    : `eval "$('${binary}' shell-init ${kind})"`;
}

function show(kind: ShellKind): string {
  return kind === "fish"
    ? 'echo "[$AWS_PROFILE:"(string sub -l 4 -- "$AWS_ACCESS_KEY_ID")":$AWS_REGION]"'
    : 'echo "[$AWS_PROFILE:$(printf %.4s "$AWS_ACCESS_KEY_ID"):$AWS_REGION]"';
}

function status(kind: ShellKind): string {
  return kind === "fish" ? 'echo "status=$status"' : 'echo "status=$?"';
}

async function shellFor(kind: ShellKind) {
  const user = world.user();
  const binary = await awsmfaBinary();
  session = await startShell(kind, {
    home: user.sandbox.home,
    env: user.sandbox.env,
    rc: load(kind, binary),
    width: 160,
    height: 40,
  });
  return { user, shell: session };
}

describe.skipIf(!tmuxAvailable())("the shell function in real shells", () => {
  test.each(shells)(
    "%s: the code typed at the prompt; the variables land in the shell",
    async (kind) => {
      const { user, shell } = await shellFor(kind);
      await shell.start("awsmfa prod");
      await shell.waitFor("MFA code for prod", 10_000);
      await shell.type(user.code());
      await shell.press("Enter");
      const out = await shell.finish(15_000);
      expect(out).toContain("New session for prod");
      expect(out).not.toContain("export AWS_"); // stdout was evaluated, not shown
      expect(await shell.run(show(kind))).toContain("[prod:ASIA:eu-west-1]");
      // Passthrough: whoami runs unwrapped and sees the session in the shell's environment.
      expect(await shell.run("awsmfa whoami", 10_000)).toContain(user.user.arn);
      // Again: reused from the cache, no prompt.
      expect(await shell.run("awsmfa prod", 10_000)).toContain("Reusing session for prod");
      // unset through the function clears them.
      await shell.run("awsmfa unset");
      expect(await shell.run(show(kind))).toContain("[::]");
    },
  );

  test.each(shells)("%s: a malformed answer is asked again; nothing reaches AWS", async (kind) => {
    const { user, shell } = await shellFor(kind);
    await shell.start("awsmfa prod");
    await shell.waitFor("MFA code for prod", 10_000);
    await shell.type("12ab");
    await shell.press("Enter");
    await shell.waitFor("not a 6-digit code", 5000);
    expect(world.aws.calls.filter((c) => c.accessKeyId === user.user.accessKeyId)).toHaveLength(0);
    await shell.type(user.code());
    await shell.press("Enter");
    await shell.finish(15_000);
    expect(await shell.run(show(kind))).toContain("[prod:ASIA:");
  });

  test.each(shells)("%s: Ctrl-C at the prompt exits 130 and changes nothing", async (kind) => {
    const { shell } = await shellFor(kind);
    await shell.start("awsmfa prod");
    await shell.waitFor("MFA code for prod", 10_000);
    await shell.press("C-c");
    await shell.finish(10_000);
    expect(await shell.run(status(kind))).toContain("status=130");
    expect(await shell.run(show(kind))).toContain("[::]");
  });

  test("bash: keys awsmfa did not set are only replaced after asking", async () => {
    const { shell } = await shellFor("bash");
    await shell.run("export AWS_ACCESS_KEY_ID=AKIAEXISTINGKEY12345 AWS_SECRET_ACCESS_KEY=s");
    await shell.start("awsmfa prod");
    await shell.waitFor("Replace them?", 10_000);
    await shell.type("n");
    await shell.press("Enter");
    const out = await shell.finish(10_000);
    expect(out).toContain("Left the keys in this shell as they were.");
    expect(await shell.run(status("bash"))).toContain("status=130");
    expect(await shell.run("echo $AWS_ACCESS_KEY_ID")).toContain("AKIAEXISTINGKEY12345");
  });
});
