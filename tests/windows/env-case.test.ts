/**
 * Windows reads environment variable names without regard to case, and so do the AWS CLI
 * there (Python's os.environ) and the runtime's own fetch: `set aws_profile=prod` in cmd.exe
 * (which keeps the spelling it is given, as `$env:aws_profile = 'prod'` does in PowerShell)
 * is AWS_PROFILE to them, and must be to awsmfa (src/system/windows-env.ts). Each case sets
 * its variables the way a user does, with cmd.exe's `set` in a batch file, and runs the .exe
 * under Wine against the fake AWS. Run by .ci/stages/30-windows.sh (see support/wine.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { forward } from "../support/forward.ts";
import {
  exe,
  linuxAws,
  linuxHome,
  resetHome,
  startWine,
  stopWine,
  type WineResult,
  wine,
  winHome,
} from "./support/wine.ts";

let aws: FakeAws;
beforeAll(async () => {
  if (!exe) return;
  startWine();
  aws = await startFakeAws();
});
afterAll(async () => {
  await aws?.stop();
  if (exe) stopWine();
});
beforeEach(() => {
  if (exe) resetHome();
});

/** The .exe as cmd.exe names it: Wine's Z: is the Linux root. */
const exeForCmd = () => `"Z:${exe!.replaceAll("/", "\\")}"`;

/**
 * Runs `lines` as a batch file in %USERPROFILE% (`awsmfa` in them is the .exe), with the fake
 * AWS as the endpoint (that variable comes from Linux, spelled as documented).
 */
function batch(lines: string[]): Promise<WineResult> {
  const script = ["@echo off", ...lines.map((line) => line.replace(/^awsmfa /, `${exeForCmd()} `))];
  writeFileSync(join(linuxHome, "run.cmd"), `${script.join("\r\n")}\r\n`);
  return wine(["cmd", "/c", `cd /d ${winHome} && run.cmd`], {
    env: { AWS_ENDPOINT_URL: aws.url },
  });
}

/** [NAME-long-term] with a new user's keys and [profile NAME] with its MFA device, in `folder`. */
function profiles(folder: string, name: string): FakeUser {
  const user = aws.addUser({});
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, "credentials"),
    `[${name}-long-term]\r\naws_access_key_id = ${user.accessKeyId}\r\naws_secret_access_key = ${user.secretAccessKey}\r\n`,
  );
  writeFileSync(
    join(folder, "config"),
    `[profile ${name}]\r\nmfa_serial = ${user.devices[0]!.serial}\r\nregion = eu-west-1\r\n`,
  );
  return user;
}

/** The lines of `set aws_` output, each NAME=value, whatever case NAME is in. */
const awsLines = (stdout: string) => stdout.split(/\r?\n/).filter((line) => /^aws_/i.test(line));

describe.skipIf(!exe)(
  "awsmfa.exe under Wine: variable names in any case, as Windows reads them",
  () => {
    test("aws_profile in lower case picks the profile", async () => {
      const user = profiles(linuxAws, "prod");
      const result = await batch(["set aws_profile=prod-long-term", "awsmfa whoami --json"]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      expect(JSON.parse(result.stdout).Arn).toBe(user.arn);
    });

    test("Aws_Profile picks the profile a login is for; awsmfa_debug turns the trace on", async () => {
      const user = profiles(linuxAws, "prod");
      const result = await batch([
        "set Aws_Profile=prod",
        "set awsmfa_debug=1",
        `awsmfa --otp ${aws.code(user.devices[0]!.serial)} --format json`,
      ]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      expect(JSON.parse(result.stdout).AccessKeyId).toMatch(/^ASIA/);
      expect(result.stderr).toContain("GetSessionToken -> ");
      expect(readFileSync(join(linuxAws, "credentials"), "utf8")).toMatch(
        /\r\n\[prod\]\r\naws_access_key_id = ASIA/,
      );
    });

    test("aws_config_file and Aws_Shared_Credentials_File, with $userprofile and the braced form in them, are the files read and written", async () => {
      const elsewhere = join(linuxHome, "elsewhere");
      const user = profiles(elsewhere, "far");
      const result = await batch([
        "set aws_config_file=$userprofile\\elsewhere\\config",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable for botocore's expandvars, not a template
        "set Aws_Shared_Credentials_File=${UserProfile}\\elsewhere\\credentials",
        `awsmfa far --otp ${aws.code(user.devices[0]!.serial)} --format json`,
      ]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      expect(JSON.parse(result.stdout).AccessKeyId).toMatch(/^ASIA/);
      expect(readFileSync(join(elsewhere, "credentials"), "utf8")).toMatch(
        /\r\n\[far\]\r\naws_access_key_id = ASIA/,
      );
      expect(existsSync(join(linuxAws, "credentials"))).toBe(false);
    });

    test("%USERPROFILE% left as written in AWS_SHARED_CREDENTIALS_FILE (as PowerShell leaves it) is expanded, as the AWS CLI expands it", async () => {
      const elsewhere = join(linuxHome, "pwsh-files");
      const user = profiles(elsewhere, "far");
      const result = await batch([
        // %% in a batch file is one literal %: the value holds %USERPROFILE% unexpanded.
        'set "AWS_SHARED_CREDENTIALS_FILE=%%UserProfile%%\\pwsh-files\\credentials"',
        'set "AWS_CONFIG_FILE=%%USERPROFILE%%\\pwsh-files\\config"',
        `awsmfa far --otp ${aws.code(user.devices[0]!.serial)} --format json`,
      ]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      expect(readFileSync(join(elsewhere, "credentials"), "utf8")).toMatch(
        /\r\n\[far\]\r\naws_access_key_id = ASIA/,
      );
      expect(existsSync(join(linuxHome, "%UserProfile%"))).toBe(false);
    });

    test("PATH spelled path (as `set path=...` leaves it) is searched for the code sources' programs", async () => {
      mkdirSync(join(linuxHome, "tools"), { recursive: true });
      writeFileSync(join(linuxHome, "tools", "ykman.bat"), "@echo 123456\r\n");
      const result = await batch([`set path=${winHome}\\tools;%PATH%`, "awsmfa sources --json"]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      const sources = JSON.parse(result.stdout).sources as { name: string; available: boolean }[];
      expect(sources.find((source) => source.name === "ykman")?.available).toBe(true);
    });

    test("exec: the program gets each variable once, the session's (aws_profile=other replaced)", async () => {
      const user = profiles(linuxAws, "prod");
      const result = await batch([
        "set aws_profile=other",
        "set Aws_Region=us-east-2",
        `awsmfa exec prod --otp ${aws.code(user.devices[0]!.serial)} -- cmd /c set aws_`,
      ]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      const lines = awsLines(result.stdout);
      expect(lines.filter((line) => /^aws_profile=/i.test(line))).toEqual(["AWS_PROFILE=prod"]);
      expect(lines.filter((line) => /^aws_region=/i.test(line))).toEqual(["AWS_REGION=eu-west-1"]);
      expect(lines.filter((line) => /^aws_access_key_id=/i.test(line))).toHaveLength(1);
    });

    test("exec: every other variable reaches the program spelled as it was set (Git Bash, MSYS2 and Cygwin read names by case)", async () => {
      const user = profiles(linuxAws, "prod");
      const result = await batch([
        "set Mixed_Case=1",
        "set lower_name=2",
        "set aws_profile=other",
        // The program is still found on a PATH spelled path (its spelling goes back too).
        "set path=%PATH%",
        `awsmfa exec prod --otp ${aws.code(user.devices[0]!.serial)} -- cmd /c set`,
      ]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      const lines = result.stdout.split(/\r?\n/);
      expect(lines.filter((line) => /^mixed_case=/i.test(line))).toEqual(["Mixed_Case=1"]);
      expect(lines.filter((line) => /^lower_name=/i.test(line))).toEqual(["lower_name=2"]);
      expect(lines.filter((line) => /^aws_profile=/i.test(line))).toEqual(["AWS_PROFILE=prod"]);
      expect(lines.filter((line) => /^path=/i.test(line))).toEqual([
        expect.stringMatching(/^path=.*system32/),
      ]);
    });

    test("exec --server: a profile set as aws_profile is taken away, as AWS_PROFILE is (it would win over the endpoint)", async () => {
      const user = profiles(linuxAws, "prod");
      const result = await batch([
        "set aws_profile=other",
        `awsmfa exec --server prod --otp ${aws.code(user.devices[0]!.serial)} -- cmd /c set aws_`,
      ]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      const lines = awsLines(result.stdout);
      expect(lines.some((line) => /^aws_container_credentials_full_uri=http/i.test(line))).toBe(
        true,
      );
      expect(lines.filter((line) => /^aws_profile=/i.test(line))).toEqual([]);
    });

    test("Http_Proxy and No_Proxy in mixed case: awsmfa names the proxy the runtime's fetch really uses", async () => {
      const seen: string[] = [];
      const proxy = Bun.serve({
        port: 0,
        hostname: "127.0.0.1",
        fetch(request) {
          seen.push(new URL(request.url).pathname);
          return forward(request, aws.url);
        },
      });
      try {
        // A login: its calls are traced with the proxy they go through.
        const login = (user: FakeUser) =>
          `awsmfa prod --otp ${aws.code(user.devices[0]!.serial)} --format json --debug`;
        const through = await batch([
          `set Http_Proxy=http://127.0.0.1:${proxy.port}`,
          login(profiles(linuxAws, "prod")),
        ]);
        expect({ code: through.code, stderr: through.stderr }).toMatchObject({ code: 0 });
        expect(JSON.parse(through.stdout).AccessKeyId).toMatch(/^ASIA/);
        expect(seen.length).toBeGreaterThan(0);
        expect(through.stderr).toContain(`HTTP_PROXY is set (the proxy 127.0.0.1:${proxy.port})`);

        seen.length = 0;
        const direct = await batch([
          `set Http_Proxy=http://127.0.0.1:${proxy.port}`,
          "set No_Proxy=127.0.0.1",
          login(profiles(linuxAws, "prod")),
        ]);
        expect({ code: direct.code, stderr: direct.stderr }).toMatchObject({ code: 0 });
        expect(direct.stderr).toContain("GetSessionToken -> ");
        expect(seen).toEqual([]);
        expect(direct.stderr).not.toContain("HTTP_PROXY is set");

        const broken = await batch([
          'set "hTTp_proxy=not a url"',
          "awsmfa whoami --profile prod-long-term",
        ]);
        expect({ code: broken.code, stderr: broken.stderr }).toMatchObject({
          code: 3,
          stderr: expect.stringContaining('HTTP_PROXY "not a url" is not a proxy awsmfa can use'),
        });
      } finally {
        proxy.stop(true);
      }
    });
  },
);
