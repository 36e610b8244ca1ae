/**
 * npm run demo: awsmfa end to end without an AWS account. Starts the local fake AWS, makes a
 * throwaway HOME with one profile pair (demo-long-term -> demo), and logs in with the real
 * binary the three ways a person would: through the shell function in a real bash, through
 * eval, and directly in a terminal; then shows `whoami` with the session.
 * Nothing here touches your own ~/.aws or talks to anything but 127.0.0.1.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { awsmfaBinary, removeTestBinary } from "../tests/support/binary.ts";
import { startFakeAws } from "../tests/support/fake-aws.ts";

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);

function step(title: string, command: string) {
  console.log(`\n${bold(`== ${title}`)}\n$ ${command}`);
}

async function sh(script: string, env: Record<string, string>, usePty = false): Promise<number> {
  const argv = usePty
    ? ["script", "-q", "-e", "-c", `bash -c '${script.replace(/'/g, "'\\''")}'`, "/dev/null"]
    : ["bash", "-c", script];
  const child = Bun.spawn(argv, { env, stdin: "ignore", stdout: "inherit", stderr: "inherit" });
  return child.exited;
}

console.log("Building the awsmfa binary for this machine...");
const binary = await awsmfaBinary();
const aws = await startFakeAws();
const alice = aws.addUser({ name: "alice" });
const serial = alice.devices[0]!.serial;
const home = mkdtempSync(join(tmpdir(), "awsmfa-demo-"));
try {
  const awsDir = join(home, ".aws");
  await Bun.write(
    join(awsDir, "credentials"),
    `# long-term keys of the IAM user alice (made up by the fake AWS)\n[demo-long-term]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`,
  );
  await Bun.write(join(awsDir, "config"), "[profile demo]\nregion = eu-west-1\n");
  writeFileSync(join(home, ".bashrc"), `eval "$(awsmfa shell-init bash)"\n`);
  const env: Record<string, string> = {
    PATH: `${dirname(binary)}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: home,
    XDG_CACHE_HOME: join(home, ".cache"),
    SHELL: "/bin/bash",
    TERM: process.env.TERM ?? "xterm-256color",
    LANG: "C.UTF-8",
    AWS_ENDPOINT_URL: aws.url,
  };
  console.log(`Fake AWS at ${aws.url}; HOME=${home}`);
  console.log(
    `The demo device's code is computed from its seed, as your phone would: ${aws.code(serial)}`,
  );

  step(
    "1. The shell function, in a real bash: the variables land in the calling shell",
    "source ~/.bashrc; awsmfa demo --otp CODE; env | grep ^AWS_",
  );
  await sh(
    `source ~/.bashrc; awsmfa demo --otp ${aws.code(serial)} && env | grep -E '^AWS_(PROFILE|REGION|ACCESS_KEY_ID|CREDENTIAL_EXPIRATION)=' | sort`,
    env,
  );
  console.log(`(awsmfa found the MFA device with ListMFADevices and saved it: ${serial})`);

  step(
    "2. eval, without the function: the session is reused, no code needed",
    'eval "$(awsmfa demo)"; awsmfa whoami',
  );
  await sh('eval "$(awsmfa demo)" && awsmfa whoami', env);

  step(
    "3. Run directly in a terminal, for the shell only: it prints what to run and the lines to copy",
    "awsmfa demo --no-write",
  );
  await sh("awsmfa demo --no-write", env, true);

  step(
    "4. Run directly, as is: the session is also in [demo] of ~/.aws/credentials, for any AWS tool",
    "awsmfa demo",
  );
  await sh("awsmfa demo", env, true);

  step(
    "5. The profile files: mfa_serial added to the config; a [demo] session next to the keys",
    "cat ~/.aws/config; grep -v secret ~/.aws/credentials | cut -c1-60",
  );
  await sh("cat ~/.aws/config; echo; grep -v secret ~/.aws/credentials | cut -c1-60", env);
  console.log(
    `\nAWS saw ${aws.count("GetSessionToken")} GetSessionToken call(s) for ${aws.calls.length} request(s) in all.`,
  );
} finally {
  await aws.stop();
  rmSync(home, { recursive: true, force: true });
  removeTestBinary();
}
