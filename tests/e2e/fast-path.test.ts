/**
 * The cached fast path (src/commands/fast/) against the full CLI: the same command lines, run
 * with the binary as built and with one built --no-fast-path, from the same files, must exit
 * the same, print the same bytes on stdout and stderr, and leave the same files. The cases
 * are the ones the fast path answers and the unusual ones it must leave to the full CLI.
 * The whole e2e suite also runs against the --no-fast-path binary (.ci/stages/60-full-path.sh)
 * but for two files: this one (there it would compare the full CLI with itself) and
 * lean-no-regex.test.ts (what only the lean tier has by design). A difference that run finds
 * is a defect of one path: its case belongs here.
 */
import { describe, expect, test } from "bun:test";
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { awsmfaBinary, fullPathBinary } from "../support/binary.ts";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { type RunResult, runAwsmfa } from "../support/run-binary.ts";

const world = useLoginWorld();

type Tree = Map<string, { mode: number; data: Buffer | null }>;

/** Every file and folder under HOME with its mode and bytes (folders: null). */
function snapshot(root: string): Tree {
  const tree: Tree = new Map();
  const walk = (relative: string) => {
    for (const name of readdirSync(join(root, relative))) {
      const path = join(relative, name);
      const stats = statSync(join(root, path));
      if (stats.isDirectory()) {
        tree.set(path, { mode: stats.mode, data: null });
        walk(path);
      } else tree.set(path, { mode: stats.mode, data: readFileSync(join(root, path)) });
    }
  };
  walk("");
  return tree;
}

function restore(root: string, tree: Tree): void {
  for (const name of readdirSync(root)) rmSync(join(root, name), { recursive: true, force: true });
  for (const [path, entry] of tree) {
    if (entry.data === null) mkdirSync(join(root, path), { recursive: true });
    else writeFileSync(join(root, path), entry.data);
    chmodSync(join(root, path), entry.mode & 0o7777);
  }
}

/** The files as text, with the moments they record (fail markers, cache records) blanked. */
function shown(tree: Tree): Record<string, string> {
  return Object.fromEntries(
    [...tree].map(([path, e]) => [
      path,
      `${(e.mode & 0o7777).toString(8)} ${moments(e.data?.toString("utf8") ?? "(folder)")}`,
    ]),
  );
}

function moments(text: string): string {
  return text.replace(/"at":\d+/g, '"at":0').replace(/"createdAt": "[^"]*"/g, '"createdAt": ""');
}

/** Runs the line with both binaries from the same files; both must say and leave the same. */
async function same(
  login: LoginUser,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  const home = login.sandbox.home;
  const before = snapshot(home);
  const fast = await login.run(args, { env });
  const afterFast = snapshot(home);
  restore(home, before);
  const full = await runAwsmfa(args, {
    env: { ...login.sandbox.env, ...env },
    binary: await fullPathBinary(),
  });
  const afterFull = snapshot(home);
  restore(home, before);
  expect({ code: fast.code, stdout: fast.stdout, stderr: fast.stderr }).toEqual({
    code: full.code,
    stdout: full.stdout,
    stderr: full.stderr,
  });
  expect(shown(afterFast)).toEqual(shown(afterFull));
  return fast;
}

/** A user with a cached session, written into [prod] of the credentials file. */
async function loggedIn(): Promise<LoginUser> {
  const login = world.user();
  const first = await login.run(["prod", "--otp", login.code()]);
  expect(first.code).toBe(0);
  return login;
}

describe("fast path and full CLI print the same", () => {
  test("cached login: eval mode, login PROFILE, AWS_PROFILE, --no-write, --yes", async () => {
    const login = await loggedIn();
    expect((await same(login, ["prod"])).stderr).toContain("Reusing session for prod");
    await same(login, ["login", "prod"]);
    await same(login, [], { AWS_PROFILE: "prod" });
    await same(login, ["login"], { AWS_PROFILE: "prod" });
    await same(login, ["prod", "--no-write", "-y"]);
    await same(login, ["prod", "--yes"], { AWS_ACCESS_KEY_ID: "AKIAFOREIGNKEY000001" });
    await same(login, ["prod"], { AWS_ACCESS_KEY_ID: "AKIAFOREIGNKEY000001" });
    await same(login, ["prod"], { AWS_ACCESS_KEY_ID: "ASIAOURS", AWSMFA_EXPIRES: "1" });
  });

  // The lines of lean-no-regex.test.ts, which the full-path stage leaves out, in another
  // partition: the region the session gets and the note about a shell's AWS_REGION.
  test("cached login in aws-cn: the region, and AWS_REGION of another partition", async () => {
    for (const region of [undefined, null]) {
      const login = world.user({ partition: "aws-cn", region });
      expect((await login.run(["prod", "--otp", login.code()])).code).toBe(0);
      await same(login, ["prod"]);
      await same(login, ["login", "prod"], { AWSMFA_SHELL: "bash" });
      await same(login, ["prod", "--no-write"], {
        AWSMFA_SHELL: "zsh",
        AWSMFA_MIN_REMAINING: "1h 30m",
      });
      await same(login, ["credential-process", "prod"]);
      const noted = await same(login, [], { AWS_PROFILE: "prod", AWS_REGION: "us-east-1" });
      if (region === null) expect(noted.stderr).toContain("is in the aws partition but");
    }
  });

  test("every --format and every shell function", async () => {
    const login = await loggedIn();
    for (const format of [
      "sh",
      "bash",
      "zsh",
      "fish",
      "powershell",
      "cmd",
      "json",
      "dotenv",
      "xml",
    ]) {
      await same(login, ["prod", "--format", format]);
      await same(login, [`--format=${format}`, "prod"], { AWSMFA_SHELL: "bash" });
    }
    for (const shell of ["bash", "zsh", "fish", "powershell", "pwsh", "tcsh", ""]) {
      await same(login, ["prod"], { AWSMFA_SHELL: shell });
    }
  });

  test("credential-process and prompt", async () => {
    const login = await loggedIn();
    const json = await same(login, ["credential-process", "prod"]);
    expect(JSON.parse(json.stdout).Version).toBe(1);
    await same(login, ["credential-process", "nope"]);
    const expires = String(Math.floor(Date.now() / 1000) + 3600);
    const shell = { AWS_PROFILE: "prod", AWSMFA_EXPIRES: expires };
    expect((await same(login, ["prompt"], shell)).stdout).toBe("prod 1h00m\n");
    await same(login, ["prompt", "--template", "{profile} until {until}"], shell);
    await same(login, ["prompt", "--template={left}"], shell);
    await same(login, ["prompt"], { ...shell, AWSMFA_PROMPT_TEMPLATE: "[{profile}]" });
    await same(login, ["prompt"], { AWS_PROFILE: "prod", AWSMFA_EXPIRES: "1" });
    await same(login, ["prompt"]);
    // Names the prompt's own path leaves to the general tier, which escapes what it must.
    for (const profile of ["pr\u001b[2Jod", "prød", "a%sb%%"]) {
      await same(login, ["prompt"], { ...shell, AWS_PROFILE: profile });
    }
  });

  test("shell-init SHELL, run without commander, prints what commander's shell-init prints", async () => {
    const { sandbox } = world.user();
    const [fast, full] = [await awsmfaBinary(), await fullPathBinary()];
    // The output holds the binary's path: each binary's, made one.
    const said = (run: RunResult, binary: string) =>
      [run.code, run.stdout, run.stderr].map((part) => String(part).replaceAll(binary, "BINARY"));
    const shells = ["bash", "zsh", "fish", "powershell", "sh", "dash", "pwsh", "tcsh", "", "help"];
    for (const shell of shells) {
      const envs: Record<string, string>[] = [{}, { AWSMFA_SHELL: "fish" }, { AWSMFA_DEBUG: "1" }];
      for (const env of envs) {
        const args = ["shell-init", shell];
        const options = { env: { ...sandbox.env, ...env } };
        const ran = await runAwsmfa(args, { ...options, binary: fast });
        expect(said(ran, fast)).toEqual(
          said(await runAwsmfa(args, { ...options, binary: full }), full),
        );
        expect(ran.code).toBe(["tcsh", "", "help"].includes(shell) ? 2 : 0);
      }
    }
  });

  test("a .env or bunfig.toml in the current folder is not read (build.ts turns it off)", async () => {
    const login = await loggedIn();
    const folder = join(login.sandbox.home, "project");
    mkdirSync(folder);
    writeFileSync(join(folder, ".env"), "AWSMFA_PROMPT_TEMPLATE=from-dotenv\nAWS_PROFILE=other\n");
    writeFileSync(join(folder, "bunfig.toml"), 'preload = ["./missing.ts"]\n');
    const expires = String(Math.floor(Date.now() / 1000) + 3600);
    const env = { ...login.sandbox.env, AWS_PROFILE: "prod", AWSMFA_EXPIRES: expires };
    for (const binary of [undefined, await fullPathBinary()]) {
      const prompt = await runAwsmfa(["prompt"], { env, cwd: folder, binary });
      expect(prompt).toMatchObject({ code: 0, stdout: "prod 1h00m\n", stderr: "" });
      const cached = await runAwsmfa([], { env, cwd: folder, binary });
      expect(cached.code).toBe(0);
      expect(cached.stdout).toContain("export AWS_PROFILE='prod'");
    }
  });

  test("what the fast path leaves to the full CLI", async () => {
    const login = await loggedIn();
    await same(login, ["prod", "--bogus"]);
    await same(login, ["prod", "--region", "eu-west-1"]);
    await same(login, ["prod", "--debug"]);
    await same(login, ["prod"], { AWSMFA_DEBUG: "1" });
    await same(login, ["prod", "prod"]);
    await same(login, ["nope"]);
    await same(login, ["login", "--", "-x"]);
    // Neither the cache nor [prod] has 13 hours left: a code is needed, and there is no terminal.
    const expired = await same(login, ["prod"], { AWSMFA_MIN_REMAINING: "13h" });
    expect(expired.code).not.toBe(0);
    await same(login, ["credential-process", "prod"], { AWSMFA_MIN_REMAINING: "13h" });
    await same(login, ["prod"], { AWSMFA_MIN_REMAINING: "soon" });
    await same(login, ["prod"], { AWSMFA_DURATION: "forever" });
  });

  test("a cache record with a non-string field is no session: a code is needed, no crash", async () => {
    const login = await loggedIn();
    // Without the session in [prod], the cache record decides.
    login.sandbox.writeCredentials(login.sandbox.readCredentials().replace(/\[prod\][^[]*/, ""));
    const folder = join(login.sandbox.home, ".cache", "awsmfa", "sessions");
    const path = join(folder, readdirSync(folder)[0]!);
    const record = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...record, sessionToken: 5 }));
    for (const args of [["prod"], ["credential-process", "prod"]]) {
      const run = await same(login, args);
      expect(run.stderr).toContain("needs an MFA code for prod");
      // Nothing that applies keys (a failed login prints only code that fails when evaluated).
      expect(run.stdout).not.toMatch(/AWS_SESSION_TOKEN|SessionToken/);
    }
  });

  test("files the fast path cannot answer from: session not in [prod] yet, malformed, missing", async () => {
    const login = await loggedIn();
    const credentials = login.sandbox.readCredentials();
    const config = login.sandbox.readConfig();
    // The cached session still has to be written into [prod]: the full CLI writes it.
    login.sandbox.writeCredentials(credentials.replace(/\[prod\][^[]*/, ""));
    const written = await same(login, ["prod"]);
    expect(written.stderr).toContain("Saved the session in [prod]");
    login.sandbox.writeCredentials(credentials);
    login.sandbox.writeConfig(config.replace("[profile prod]", "[profile prod"));
    await same(login, ["prod"]);
    login.sandbox.writeConfig(`${config}duration_seconds = 5\n`);
    await same(login, ["prod"]);
    login.sandbox.writeConfig(
      `${config}[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = prod\n`,
    );
    await same(login, ["admin"]);
    rmSync(login.sandbox.configPath);
    await same(login, ["prod"]);
    mkdirSync(login.sandbox.configPath);
    await same(login, ["prod"]);
  });
});

describe("known login lines (cli.ts without commander) and commander print the same", () => {
  // The build without the fast path leaves every line to commander (commands/known-login.ts).
  test("a code typed while a session is cached: every known shape", async () => {
    const login = await loggedIn();
    expect((await same(login, ["prod", "--otp", "123456"])).stderr).toContain("Reusing session");
    await same(login, ["login", "prod", "--otp=123456", "--no-write", "-y"]);
    await same(login, ["--otp", "123456"], { AWS_PROFILE: "prod" });
    await same(login, ["--otp", "123456", "prod", "--format", "json"], { AWSMFA_SHELL: "bash" });
    await same(login, ["prod", "--otp", "123456", "--format=dotenv"]);
    await same(login, ["prod", "--otp", "123456"], { AWS_ACCESS_KEY_ID: "AKIAFOREIGNKEY000001" });
  });

  test("its failures: no such profile, a bad setting, a code AWS refuses", async () => {
    const login = await loggedIn();
    await same(login, ["nope", "--otp", "123456"]);
    await same(login, ["prod", "--otp", "123456"], { AWSMFA_MIN_REMAINING: "soon" });
    await same(login, ["prod", "--otp", "123456", "--format", "cmd"], { AWSMFA_SHELL: "x" });
    // Nothing cached has 13 hours left: the code goes to AWS, which refuses a wrong one.
    const refused = await same(login, ["prod", "--otp", "000000"], { AWSMFA_MIN_REMAINING: "13h" });
    expect(refused.code).not.toBe(0);
  });

  test("a fresh login with the code typed: each binary from a fresh HOME, the same but its keys", async () => {
    const fresh = await sameFresh(["prod", "--otp", "CODE"]);
    expect(fresh.stdout).toContain("export AWS_SESSION_TOKEN='TOKEN'");
    expect(fresh.stderr).toContain("New session for prod");
    await sameFresh(["--otp=CODE", "login", "prod", "--no-write", "--yes", "--format", "json"]);
    await sameFresh(["--otp", "CODE", "--format=dotenv", "-y"], { AWS_PROFILE: "prod" });
    await sameFresh(["prod", "--otp", "CODE"], {
      AWSMFA_SHELL: "fish",
      AWSMFA_MIN_REMAINING: "1h",
    });
    await sameFresh(["prod", "--otp", "CODE"], { AWS_ACCESS_KEY_ID: "AKIAFOREIGNKEY000001" });
    await sameFresh(["prod", "--otp", "12345"]);
  });
});

/**
 * Both binaries log in afresh with CODE (each its own user and HOME: a code is good once),
 * print the same and leave the same files once what differs by user is named.
 */
async function sameFresh(args: readonly string[], env: Record<string, string> = {}) {
  const runs = [];
  for (const binary of [undefined, await fullPathBinary()]) {
    const login = world.user();
    const code = login.code();
    const given = args.map((word) => word.replace("CODE", code));
    const result = await runAwsmfa(given, { env: { ...login.sandbox.env, ...env }, binary });
    const files = JSON.stringify(shown(snapshot(login.sandbox.home)));
    const named = (text: string) => byUser(text, login, code);
    runs.push({
      code: result.code,
      stdout: named(result.stdout),
      stderr: named(result.stderr),
      files: named(files),
    });
  }
  expect(runs[0]).toEqual(runs[1]!);
  return runs[0]!;
}

/** The text with this user's keys, device, code, HOME, new session and moments named. */
function byUser(text: string, login: LoginUser, code: string): string {
  const { user } = login;
  let named = text;
  for (const [value, name] of [
    [login.sandbox.home, "HOME"],
    [login.serial, "SERIAL"],
    [user.accessKeyId, "AKIA"],
    [`AKIA****${user.accessKeyId.slice(-4)}`, "AKIA****"],
    [user.secretAccessKey, "SECRET"],
    [code, "CODE"],
  ])
    named = named.replaceAll(value!, name!);
  return named
    .replace(/ASIA[A-Z0-9]{16}/g, "ASIA")
    .replace(/[A-Za-z0-9/+=]{60,}/g, "TOKEN")
    .replace(/[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, "SECRET")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, "TIME")
    .replace(/\b1\d{9,12}\b/g, "EPOCH")
    .replace(/\\"(offsetMs|window)\\":\s*-?[\d.]+/g, "$1")
    .replace(/\b[0-9a-f]{16,64}\b/g, "HASH");
}
