/**
 * On Windows a variable's name is matched without regard to case (the AWS CLI, Node, Bun and
 * its fetch all read `aws_profile` as AWS_PROFILE); main.ts gives awsmfa the environment with
 * upper-case names there (system/windows-env.ts). These are the readers that depend on it,
 * with platform "win32" facts, and the same readers on Linux, where case still counts.
 * The real .exe under Wine: tests/windows/env-case.test.ts.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli.ts";
import { childEnvironment, serverEnvironment } from "../../src/commands/exec/child-env.ts";
import { hasCommanderSetting } from "../../src/commands/line-settings.ts";
import { awsPaths, cacheDir } from "../../src/config/paths.ts";
import { keyFilePath } from "../../src/keys/encrypted-file.ts";
import { quoteForUser, userShell } from "../../src/output/mode.ts";
import { realDeps } from "../../src/system/index.ts";
import { proxyFor } from "../../src/system/proxy-env.ts";
import { findProgram } from "../../src/system/which.ts";
import { childSpelling, windowsEnvironment, windowsName } from "../../src/system/windows-env.ts";
import { processFacts } from "../support/process-facts.ts";
import { testDeps } from "../support/test-deps.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-winenv-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("windowsEnvironment", () => {
  test("every name in upper case, values as they were, unset ones left out", () => {
    expect(
      windowsEnvironment({
        aws_profile: "prod",
        Path: "C:\\Windows;C:\\tools",
        PSModulePath: "C:\\ps",
        AWSMFA_DEBUG: "1",
        "ProgramFiles(x86)": "C:\\Program Files (x86)",
        unset: undefined,
      }),
    ).toEqual({
      AWS_PROFILE: "prod",
      PATH: "C:\\Windows;C:\\tools",
      PSMODULEPATH: "C:\\ps",
      AWSMFA_DEBUG: "1",
      "PROGRAMFILES(X86)": "C:\\Program Files (x86)",
    });
  });

  test("only a-z change: other letters stay (toUpperCase would make straße STRASSE)", () => {
    expect(windowsName("straße_é")).toBe("STRAßE_é");
    expect(Object.keys(windowsEnvironment({ straße: "1", STRASSE: "2" }))).toEqual([
      "STRAßE",
      "STRASSE",
    ]);
  });

  test("two spellings of one name: one variable, the later one's value (Python's os.environ)", () => {
    expect(windowsEnvironment({ https_proxy: "http://a:1", HTTPS_PROXY: "http://b:2" })).toEqual({
      HTTPS_PROXY: "http://b:2",
    });
  });
});

describe("childSpelling: what a child gets is spelled as awsmfa got it, but AWS_* and AWSMFA_*", () => {
  // Git Bash, MSYS2 and Cygwin programs read names by case (their runtime upper-cases only
  // PATH, TEMP, TMP, COMSPEC, SYSTEMROOT, SYSTEMDRIVE, WINDIR, PROGRAMFILES, COMMONPROGRAMFILES).
  const source = {
    http_proxy: "http://proxy:3128",
    ProgramData: "C:\\ProgramData",
    Path: "C:\\Windows",
    aws_profile: "other",
    Aws_Ca_Bundle: "C:\\ca.pem",
    awsmfa_debug: "1",
  };
  const named = childSpelling(source);

  test("passed-through names get back the spelling the caller gave them", () => {
    expect(named(windowsEnvironment(source))).toEqual({
      http_proxy: "http://proxy:3128",
      ProgramData: "C:\\ProgramData",
      Path: "C:\\Windows",
      AWS_PROFILE: "other",
      AWS_CA_BUNDLE: "C:\\ca.pem",
      AWSMFA_DEBUG: "1",
    });
  });

  test("a name awsmfa sets is one variable in its documented case; names it added stay as they are", () => {
    const env: Record<string, string | undefined> = {
      ...windowsEnvironment(source),
      AWS_PROFILE: "prod",
      AWSMFA_EXEC: "prod",
    };
    delete env.HTTP_PROXY;
    expect(named(env)).toEqual({
      ProgramData: "C:\\ProgramData",
      Path: "C:\\Windows",
      AWS_PROFILE: "prod",
      AWS_CA_BUNDLE: "C:\\ca.pem",
      AWSMFA_DEBUG: "1",
      AWSMFA_EXEC: "prod",
    });
  });

  test("the real Deps' exec hands its child the caller's spelling", async () => {
    const deps = realDeps(processFacts({ childNames: named }));
    const env = { ...windowsEnvironment(source), PATH: process.env.PATH, AWS_PROFILE: "prod" };
    const result = await deps.exec("env", [], { env });
    const lines = result.stdout.split("\n");
    expect(lines).toContain("http_proxy=http://proxy:3128");
    expect(lines).toContain("ProgramData=C:\\ProgramData");
    expect(lines).toContain("AWS_PROFILE=prod");
    expect(lines.some((line) => /^(HTTP_PROXY|PROGRAMDATA|aws_profile)=/.test(line))).toBe(false);
  });
});

describe("readers with Windows' environment", () => {
  test("AWS_CONFIG_FILE set as aws_config_file, with $userprofile and the braced form in it", () => {
    const env = windowsEnvironment({
      aws_config_file: "$userprofile\\cfg\\config",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable for botocore's expandvars, not a template
      Aws_Shared_Credentials_File: "${UserProfile}\\cfg\\credentials",
      UserProfile: "C:\\Users\\me",
    });
    expect(awsPaths(env, "C:\\Users\\me", "win32")).toEqual({
      config: "C:\\Users\\me\\cfg\\config",
      credentials: "C:\\Users\\me\\cfg\\credentials",
    });
    // Elsewhere a name is matched as written, as botocore's os.path.expandvars does there.
    expect(awsPaths({ AWS_CONFIG_FILE: "$home/c", HOME: "/h" }, "/h", "linux").config).toBe(
      "$home/c",
    );
    expect(awsPaths({ AWS_CONFIG_FILE: "$HOME/c", HOME: "/h" }, "/h", "linux").config).toBe("/h/c");
  });

  test("LocalAppData and AppData in any case: the cache folder and the encrypted key file", () => {
    const env = windowsEnvironment({ LocalAppData: "C:\\local", appdata: "C:\\roaming" });
    expect(cacheDir(env, "C:\\Users\\me", "win32")).toBe(join("C:\\local", "awsmfa"));
    expect(keyFilePath({ env, homedir: "C:\\Users\\me", platform: "win32" })).toBe(
      join("C:\\roaming", "awsmfa", "keys.enc"),
    );
  });

  test("PATH spelled path or Path is searched, with PATHEXT spelled PathExt", async () => {
    const tools = join(root, "tools");
    mkdirSync(tools, { recursive: true });
    writeFileSync(join(tools, "ykman.bat"), "@echo 123456\r\n");
    const find = (env: Record<string, string>) =>
      findProgram("ykman", {
        env: windowsEnvironment(env),
        fs: fsPromises,
        platform: "win32",
        homedir: root,
      });
    expect(await find({ path: tools })).toBe(join(tools, "ykman.bat"));
    expect(await find({ Path: tools })).toBe(join(tools, "ykman.bat"));
    expect(await find({ Path: tools, PathExt: ".EXE" })).toBeUndefined();
  });

  test("PowerShell's PSModulePath says PowerShell (the quoting of suggested commands)", () => {
    const env = windowsEnvironment({ PSModulePath: "C:\\ps" });
    expect(userShell(env)).toBe("powershell");
    expect(quoteForUser(env)("a b")).toBe("'a b'");
    expect(userShell({ PSModulePath: "/opt/ps" })).toBe("powershell");
    expect(userShell({})).toBe("bash");
  });

  test("proxy variables in any case are one variable, as for the AWS CLI and fetch on Windows", () => {
    const url = "https://sts.eu-west-1.amazonaws.com/";
    const mixed = windowsEnvironment({ Https_Proxy: "http://proxy:3128" });
    expect(proxyFor(mixed, url)).toEqual({ variable: "HTTPS_PROXY", value: "http://proxy:3128" });
    const exempt = windowsEnvironment({
      https_proxy: "http://proxy:3128",
      No_Proxy: ".amazonaws.com",
    });
    expect(proxyFor(exempt, url)).toBeUndefined();
    // On Linux the two spellings are two variables, and the lower-case one wins, as before.
    expect(
      proxyFor({ https_proxy: "http://low:1", HTTPS_PROXY: "http://up:2" }, url)?.variable,
    ).toBe("https_proxy");
    expect(proxyFor({ Https_Proxy: "http://proxy:3128" }, url)).toBeUndefined();
  });

  test("an awsmfa_* setting in lower case is a setting: the fast path leaves the line to commander", () => {
    expect(hasCommanderSetting(windowsEnvironment({ awsmfa_otp_source: "ykman" }))).toBe(true);
    expect(hasCommanderSetting(windowsEnvironment({ awsmfa_shell: "pwsh" }))).toBe(false);
    expect(hasCommanderSetting({ awsmfa_otp_source: "ykman" })).toBe(false);
  });
});

describe("exec's child environment from Windows' environment: each variable once", () => {
  const session = {
    accessKeyId: "ASIAEXAMPLEEXAMPLE00",
    secretAccessKey: "secret",
    sessionToken: "token",
    expiration: new Date("2030-01-02T03:04:05.000Z"),
  };
  const caller = windowsEnvironment({
    aws_profile: "other",
    aws_access_key_id: "AKIAOLD",
    Aws_Region: "us-east-1",
    Path: "C:\\Windows",
  });
  const once = (env: Record<string, string>) => {
    const names = Object.keys(env).map((name) => name.toUpperCase());
    expect(new Set(names).size).toBe(names.length);
  };

  test("static keys: the session's replace the caller's whatever their spelling", () => {
    const env = childEnvironment(caller, session, { profile: "prod", region: "eu-west-1" });
    once(env);
    expect(env).toMatchObject({
      AWS_PROFILE: "prod",
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_REGION: "eu-west-1",
      PATH: "C:\\Windows",
    });
  });

  test("--server: the caller's aws_profile and keys are taken away like AWS_PROFILE", () => {
    const env = serverEnvironment(
      caller,
      { url: "http://127.0.0.1:1/creds", token: "t" },
      { profile: "prod", region: "eu-west-1" },
    );
    once(env);
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBe("http://127.0.0.1:1/creds");
  });
});

test("the full CLI with win32 facts: list reads the config named by aws_config_file", async () => {
  const home = join(root, "home");
  mkdirSync(join(home, "cfg"), { recursive: true });
  writeFileSync(
    join(home, "cfg", "config"),
    "[profile far]\r\nmfa_serial = arn:aws:iam::123456789012:mfa/me\r\n",
  );
  const { deps, stdout } = testDeps({
    platform: "win32",
    homedir: home,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable for botocore's expandvars, not a template
    env: windowsEnvironment({ aws_config_file: "${userprofile}/cfg/config", UserProfile: home }),
  });
  expect(await run(["list", "--json"], deps)).toBe(0);
  expect(stdout()).toContain('"far"');
});
