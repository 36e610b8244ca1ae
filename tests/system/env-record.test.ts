/**
 * Variables named like the members of a JavaScript object (__proto__, constructor, toString,
 * hasOwnProperty...) are variables like any other: every copy of an environment awsmfa makes
 * keeps them (exec's program, with and without --server; a child's Windows spelling), every
 * program it starts gets them (system/spawn-child.ts), and a reader finds a variable, never
 * Object's member. The binary end to end: tests/e2e/exec.test.ts.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { childEnvironment, serverEnvironment } from "../../src/commands/exec/child-env.ts";
import { expandVariables } from "../../src/config/paths.ts";
import { envRecord, envValue } from "../../src/system/env-record.ts";
import { execFile } from "../../src/system/exec-file.ts";
import { spawnDetached } from "../../src/system/spawn-detached.ts";
import { spawnInteractive } from "../../src/system/spawn-interactive.ts";
import { childSpelling, windowsEnvironment } from "../../src/system/windows-env.ts";

const dir = mkdtempSync(join(tmpdir(), "awsmfa-env-names-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Object's own member names, each a variable with a value of its own. */
const NAMES = Object.getOwnPropertyNames(Object.prototype);
const VARIABLES: [string, string][] = NAMES.map((name, i) => [name, `value ${i}`]);

/** `env` and the variables, as its own (JSON.parse: `{ __proto__: ... }` would set nothing). */
function withVariables(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const parsed = JSON.parse(JSON.stringify(Object.fromEntries(VARIABLES))) as Record<
    string,
    string
  >;
  return { ...env, ...parsed };
}

const PATH = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
const value = (name: string) => VARIABLES.find(([n]) => n === name)![1];

/** name -> value of each variable, as `env` holds them as its own (or null). */
const held = (env: Readonly<Record<string, string | undefined>>) =>
  VARIABLES.map(([name]) => [name, Object.hasOwn(env, name) ? env[name] : null]);

/** NUL-separated `env -0` output as [name, value] of the variables above. */
function fromDump(dump: string) {
  const env = new Map(
    dump
      .split("\0")
      .filter((entry) => entry.includes("="))
      .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
  );
  return VARIABLES.map(([name]) => [name, env.get(name) ?? null]);
}

const session = {
  accessKeyId: "ASIAEXAMPLEEXAMPLE00",
  secretAccessKey: "secret",
  sessionToken: "token",
  expiration: new Date("2030-01-02T03:04:05.000Z"),
};

describe("copies of an environment keep every name", () => {
  const parent = withVariables(PATH);

  test("the parent itself holds them (the test's own premise)", () => {
    expect(held(parent)).toEqual(VARIABLES);
  });

  test("exec's program, with static keys and with the credential endpoint", () => {
    const context = { profile: "prod", region: "eu-west-1" };
    expect(held(childEnvironment(parent, session, context))).toEqual(VARIABLES);
    const server = { url: "http://127.0.0.1:1/", token: "t" };
    expect(held(serverEnvironment(parent, server, context))).toEqual(VARIABLES);
  });

  test("Windows: upper-case names for awsmfa, the caller's spelling for a child", () => {
    const upper = windowsEnvironment(parent);
    expect(upper.__PROTO__).toBe(value("__proto__"));
    expect(held(childSpelling(parent)(upper))).toEqual(VARIABLES);
  });
});

describe("readers find variables, never Object's members", () => {
  test("envRecord has no members; envValue reads only variables", () => {
    const env = envRecord();
    for (const [name, value] of VARIABLES) env[name] = value;
    expect(held(env)).toEqual(VARIABLES);
    expect(NAMES.map((name) => envValue({}, name))).toEqual(NAMES.map(() => undefined));
  });

  test("$constructor, $toString in braces, $__proto__ unset in AWS_CONFIG_FILE stay as written", () => {
    const path = ["/x/$constructor/$", "{toString}/$__proto__/config"].join("");
    expect(expandVariables(path, {}, "linux")).toBe(path);
    expect(expandVariables(path, withVariables({}), "linux")).toBe(
      `/x/${value("constructor")}/${value("toString")}/${value("__proto__")}/config`,
    );
  });
});

describe("programs awsmfa starts get every name", () => {
  const env = withVariables(PATH);

  test("Deps.exec (code sources, key stores, the browser, exec's helper)", async () => {
    const r = await execFile("env", ["-0"], { env });
    expect(r.code).toBe(0);
    expect(fromDump(r.stdout)).toEqual(VARIABLES);
    // Such a child is started another way (spawn-child.ts): its input and exit status too.
    const cat = await execFile("/bin/sh", ["-c", "cat; exit 3"], { env, input: "one line\n" });
    expect(cat).toMatchObject({ code: 3, signal: null, stdout: "one line\n", timedOut: false });
    const killed = await execFile("/bin/sh", ["-c", "kill -TERM $$"], { env });
    expect(killed).toMatchObject({ code: null, signal: "SIGTERM" });
    const missing = await execFile("/no/such/program", [], { env });
    expect(missing.spawnError?.code).toBe("ENOENT");
  });

  test("exec's program (stdio shared)", async () => {
    const out = join(dir, "interactive");
    const facts = { platform: process.platform, pid: process.pid, onSignal: () => () => {} };
    const r = await spawnInteractive(facts)("/bin/sh", ["-c", `env -0 > '${out}'`], { env });
    expect(r.code).toBe(0);
    expect(fromDump(readFileSync(out, "utf8"))).toEqual(VARIABLES);
  });

  test("a program that outlives awsmfa (the notify timer)", async () => {
    const out = join(dir, "detached");
    const done = `${out}.done`;
    const pid = spawnDetached("/bin/sh", ["-c", `env -0 > '${out}'; : > '${done}'`], env);
    expect(pid).toBeGreaterThan(0);
    for (let i = 0; i < 200 && !existsSync(done); i++) await Bun.sleep(25);
    expect(fromDump(readFileSync(out, "utf8"))).toEqual(VARIABLES);
  });
});
