/**
 * AWS_CA_BUNDLE and the profile's ca_bundle, as the AWS CLI reads them: the PEM file trusted
 * for calls to AWS instead of the built-in CAs, the variable beating the profile. The endpoint
 * is a TLS front on 127.0.0.1 whose certificate a test CA made here (openssl) has signed, in
 * front of the fake AWS; a second CA signs nothing. A bundle that is missing, unreadable or
 * no PEM is exit 3 naming it, with the files as they were.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "bun";
import { forward } from "../support/forward.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles } from "../support/role-world.ts";

const world = useLoginWorld();
const folder = mkdtempSync(join(tmpdir(), "awsmfa-ca-bundle-"));
const at = (name: string) => join(folder, name);
let front: Server<undefined>;

function openssl(...args: string[]) {
  const made = Bun.spawnSync(["openssl", ...args], { stdout: "ignore", stderr: "pipe" });
  if (made.exitCode !== 0) throw new Error(`openssl ${args[0]} failed: ${made.stderr}`);
}

beforeAll(() => {
  for (const ca of ["ca", "other-ca"]) {
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      `/CN=awsmfa test ${ca}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
      "-keyout",
      at(`${ca}.key`),
      "-out",
      at(`${ca}.pem`),
    );
  }
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    at("server.key"),
    "-out",
    at("server.csr"),
  );
  writeFileSync(at("ext.cnf"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
  openssl(
    "x509",
    "-req",
    "-in",
    at("server.csr"),
    "-CA",
    at("ca.pem"),
    "-CAkey",
    at("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    at("ext.cnf"),
    "-out",
    at("server.pem"),
  );
  writeFileSync(at("not-pem.pem"), "this is not a certificate\n");
  writeFileSync(
    at("broken.pem"),
    "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
  );
  front = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls: {
      cert: readFileSync(at("server.pem"), "utf8"),
      key: readFileSync(at("server.key"), "utf8"),
    },
    async fetch(req) {
      const url = new URL(req.url);
      return forward(req, `${world.aws.url}${url.pathname}${url.search}`);
    },
  });
});
afterAll(() => {
  front?.stop(true);
  rmSync(folder, { recursive: true, force: true });
});

const endpoint = () => `https://127.0.0.1:${front.port}`;

function user() {
  const u = world.user();
  const env = { ...u.sandbox.env, AWS_ENDPOINT_URL: endpoint() };
  const whoami = (extra: Record<string, string> = {}) =>
    u.run(["whoami", "--profile", `${u.profile}-long-term`], { env: { ...env, ...extra } });
  const login = (extra: Record<string, string> = {}) =>
    u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"], { env: { ...env, ...extra } });
  return { u, env, whoami, login };
}

describe("AWS_CA_BUNDLE", () => {
  test("the endpoint's CA in AWS_CA_BUNDLE: trusted; without it, exit 5 naming the way out", async () => {
    const { u, whoami, login } = user();
    const untrusted = await whoami();
    expect(untrusted.stderr).toContain("its TLS certificate is not one this computer trusts");
    expect(untrusted.stderr).toContain("AWS_CA_BUNDLE");
    expect(untrusted.code).toBe(5);
    const trusted = await whoami({ AWS_CA_BUNDLE: at("ca.pem") });
    expect(trusted.stderr).toBe(`(credentials from profile ${u.profile}-long-term)\n`);
    expect(trusted.stdout).toContain(u.user.arn);
    expect(trusted.code).toBe(0);
    const loggedIn = await login({ AWS_CA_BUNDLE: at("ca.pem") });
    expect(loggedIn.stderr).toContain(`New session for ${u.profile}`);
    expect(loggedIn.code).toBe(0);
  });

  test("it replaces the built-in CAs, as for the AWS CLI: another CA there is not trusted", async () => {
    const { whoami } = user();
    const r = await whoami({
      AWS_CA_BUNDLE: at("other-ca.pem"),
      NODE_EXTRA_CA_CERTS: at("ca.pem"),
    });
    expect(r.stderr).toContain("its TLS certificate is not one this computer trusts");
    expect(r.code).toBe(5);
    // A bundle of both CAs trusts the endpoint.
    writeFileSync(
      at("both.pem"),
      readFileSync(at("other-ca.pem"), "utf8") + readFileSync(at("ca.pem"), "utf8"),
    );
    expect((await whoami({ AWS_CA_BUNDLE: at("both.pem") })).code).toBe(0);
  });

  test.each([
    ["missing.pem", "there is no such file"],
    ["not-pem.pem", "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)"],
    ["broken.pem", "its certificate number 1 cannot be read"],
    ["", "it is a folder"],
  ])(
    "%j: exit 3 naming AWS_CA_BUNDLE (%s), nothing sent, files as they were",
    async (file, why) => {
      const { u, login } = user();
      const before = [u.sandbox.readConfig(), u.sandbox.readCredentials()];
      const calls = world.aws.calls.length;
      const r = await login({ AWS_CA_BUNDLE: at(file) });
      expect(r.stderr).toContain(
        `AWS_CA_BUNDLE "${at(file)}" is not a CA bundle awsmfa can use: ${why}.`,
      );
      expect(r.stderr).toContain("Set AWS_CA_BUNDLE to the PEM file");
      expect(r.stderr).not.toContain("This is a bug");
      expect(r.code).toBe(3);
      expect(world.aws.calls.length).toBe(calls);
      expect([u.sandbox.readConfig(), u.sandbox.readCredentials()]).toEqual(before);
    },
  );
});

test.each([
  ["a FIFO", "fifo.pem", "it is not a regular file (a FIFO, device or socket)"],
  ["a device", "/dev/zero", "it is not a regular file (a FIFO, device or socket)"],
  ["a 17 MiB file", "huge.pem", "it is 17825792 bytes, past the 16 MiB a CA bundle may be"],
])(
  "AWS_CA_BUNDLE naming %s: exit 3 at once (no read that blocks or never ends), files as they were",
  async (_what, file, why) => {
    const path = file.startsWith("/") ? file : at(file);
    if (file === "fifo.pem" && !existsSync(path)) {
      expect(Bun.spawnSync(["mkfifo", path]).exitCode).toBe(0);
    }
    if (file === "huge.pem") Bun.spawnSync(["truncate", "-s", "17M", path]);
    const { u, login } = user();
    const before = [u.sandbox.readConfig(), u.sandbox.readCredentials()];
    const calls = world.aws.calls.length;
    // Before the fix a FIFO blocked the read (and SIGTERM) for good: the run's deadline says so.
    const r = await Promise.race([
      login({ AWS_CA_BUNDLE: path }),
      Bun.sleep(10_000).then(() => ({ code: -1, stderr: "still running after 10 s" })),
    ]);
    expect(r.stderr).toContain(
      `AWS_CA_BUNDLE "${path}" is not a CA bundle awsmfa can use: ${why}.`,
    );
    expect(r.code).toBe(3);
    expect(world.aws.calls.length).toBe(calls);
    expect([u.sandbox.readConfig(), u.sandbox.readCredentials()]).toEqual(before);
  },
);

describe("ca_bundle in the profile", () => {
  test("trusted for the profile's calls; AWS_CA_BUNDLE beats it; a bad one is exit 3 named", async () => {
    const { u, login } = user();
    u.sandbox.writeConfig(`${u.sandbox.readConfig()}ca_bundle = ${at("ca.pem")}\n`);
    const r = await login();
    expect(r.stderr).toContain(`New session for ${u.profile}`);
    expect(r.code).toBe(0);
    // The variable wins over the profile (the AWS CLI's order).
    const v = user();
    v.u.sandbox.writeConfig(`${v.u.sandbox.readConfig()}ca_bundle = ${at("ca.pem")}\n`);
    const beaten = await v.login({ AWS_CA_BUNDLE: at("other-ca.pem") });
    expect(beaten.stderr).toContain("its TLS certificate is not one this computer trusts");
    expect(beaten.code).toBe(5);
    const w = user();
    w.u.sandbox.writeConfig(`${w.u.sandbox.readConfig()}ca_bundle = ${at("missing.pem")}\n`);
    const config = w.u.sandbox.readConfig();
    const bad = await w.login();
    expect(bad.stderr).toContain(
      `ca_bundle in the profile's config "${at("missing.pem")}" is not a CA bundle awsmfa can use: there is no such file.`,
    );
    expect(bad.stderr).toContain(
      "Fix or remove ca_bundle in the profile's section of ~/.aws/config",
    );
    expect(bad.code).toBe(3);
    expect(w.u.sandbox.readConfig()).toBe(config);
  });
});

test("console and doctor's clock check trust it too; doctor reports a bad one and goes on", async () => {
  const { u, env } = user();
  addRoleProfiles(world.aws, u, [{ profile: "prod-admin" }]);
  const link = await u.run(["console", "prod-admin", "--print", "--otp", u.code()], {
    env: { ...env, AWS_CA_BUNDLE: at("ca.pem") },
  });
  expect(link.stdout.startsWith(`${endpoint()}/federation?Action=login&`)).toBe(true);
  expect(link.code).toBe(0);
  const doctor = await u.run(["doctor"], { env: { ...env, AWS_CA_BUNDLE: at("ca.pem") } });
  expect(doctor.stdout).toContain(`(${endpoint()})`);
  expect(doctor.stdout).not.toContain("Could not reach STS");
  const bad = await u.run(["doctor"], { env: { ...env, AWS_CA_BUNDLE: at("missing.pem") } });
  expect(bad.stdout).toContain(`AWS_CA_BUNDLE "${at("missing.pem")}" is not a CA bundle`);
  expect(bad.stdout).toContain("Long-term keys");
  expect(bad.code).toBe(9);
});

const AWS_CLI = "/usr/bin/aws";
const hasCli = existsSync(AWS_CLI);
if (!hasCli) console.log(`SKIPPED: ${AWS_CLI} (Debian's awscli) is not installed: no comparison`);

test.skipIf(!hasCli)(
  "the AWS CLI agrees: which bundle wins, and that it replaces the CAs",
  async () => {
    const { u, env } = user();
    const caConfig = `${u.sandbox.configPath}.ca`;
    writeFileSync(
      caConfig,
      `${u.sandbox.readConfig()}\n[profile ${u.profile}-long-term]\nca_bundle = ${at("ca.pem")}\n`,
    );
    const tildeConfig = `${u.sandbox.configPath}.tilde`;
    writeFileSync(
      tildeConfig,
      `${u.sandbox.readConfig()}\n[profile ${u.profile}-long-term]\nca_bundle = ~/ca.pem\n`,
    );
    copyFileSync(at("ca.pem"), join(u.sandbox.home, "ca.pem"));
    // Only 127.0.0.1: any other host would go to a closed proxy.
    const quiet = {
      HTTPS_PROXY: "http://127.0.0.1:9",
      HTTP_PROXY: "http://127.0.0.1:9",
      NO_PROXY: "127.0.0.1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_DEFAULT_REGION: "us-east-1",
    };
    const cases: Array<[string, Record<string, string>]> = [
      ["no bundle", {}],
      ["AWS_CA_BUNDLE = the CA", { AWS_CA_BUNDLE: at("ca.pem") }],
      [
        "AWS_CA_BUNDLE = another CA, NODE_EXTRA_CA_CERTS = the CA",
        { AWS_CA_BUNDLE: at("other-ca.pem"), NODE_EXTRA_CA_CERTS: at("ca.pem") },
      ],
      ["ca_bundle = the CA", { AWS_CONFIG_FILE: caConfig }],
      [
        "ca_bundle = the CA, AWS_CA_BUNDLE = another",
        { AWS_CONFIG_FILE: caConfig, AWS_CA_BUNDLE: at("other-ca.pem") },
      ],
      ["AWS_CA_BUNDLE missing", { AWS_CA_BUNDLE: at("missing.pem") }],
      // urllib3 expands a leading ~ of the bundle's path for the CLI; $HOME it does not.
      ["AWS_CA_BUNDLE = ~/ca.pem", { AWS_CA_BUNDLE: "~/ca.pem" }],
      ["ca_bundle = ~/ca.pem", { AWS_CONFIG_FILE: tildeConfig }],
      ["AWS_CA_BUNDLE = $HOME/ca.pem", { AWS_CA_BUNDLE: "$HOME/ca.pem" }],
      ["AWS_CA_BUNDLE blank", { AWS_CA_BUNDLE: "  " }],
    ];
    const ours: string[] = [];
    const theirs: string[] = [];
    for (const [name, extra] of cases) {
      const all = { ...env, ...quiet, ...extra };
      const r = await u.run(["whoami", "--profile", `${u.profile}-long-term`], { env: all });
      ours.push(`${name}: ${r.code === 0 ? "trusted" : "refused"}`);
      const code = await cliExit(u, all);
      theirs.push(`${name}: ${code === 0 ? "trusted" : "refused"}`);
    }
    expect(ours).toEqual(theirs);
    expect(ours.filter((line) => line.endsWith("trusted")).length).toBe(4);
  },
  120_000,
);

test("console: the base profile's ca_bundle serves its role, as for the role's STS calls", async () => {
  const { u, env } = user();
  addRoleProfiles(world.aws, u, [{ profile: "prod-admin" }]);
  const header = `[profile ${u.profile}]\n`;
  expect(u.sandbox.readConfig()).toContain(header);
  u.sandbox.writeConfig(
    u.sandbox.readConfig().replace(header, `${header}ca_bundle = ${at("ca.pem")}\n`),
  );
  const link = await u.run(["console", "prod-admin", "--print", "--otp", u.code()], { env });
  expect(link.stderr).not.toContain("awsmfa:");
  expect(link.stdout.startsWith(`${endpoint()}/federation?Action=login&`)).toBe(true);
  expect(link.code).toBe(0);
});

/** The AWS CLI's exit code for get-caller-identity at the TLS front, with `env`. */
async function cliExit(u: ReturnType<typeof user>["u"], env: Record<string, string>) {
  // Not spawnSync: the TLS front runs in this process and must answer meanwhile.
  const cli = Bun.spawn(
    [
      AWS_CLI,
      "sts",
      "get-caller-identity",
      "--profile",
      `${u.profile}-long-term`,
      "--endpoint-url",
      endpoint(),
    ],
    {
      env: {
        PATH: "/usr/bin:/bin",
        HOME: u.sandbox.home,
        // Only 127.0.0.1: any other host would go to a closed proxy.
        HTTPS_PROXY: "http://127.0.0.1:9",
        HTTP_PROXY: "http://127.0.0.1:9",
        NO_PROXY: "127.0.0.1",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_DEFAULT_REGION: "us-east-1",
        ...env,
      },
      stdout: "ignore",
      stderr: "ignore",
      timeout: 30_000,
    },
  );
  return cli.exited;
}

describe("an empty AWS_CA_BUNDLE or ca_bundle: the AWS CLI checks no certificate; awsmfa refuses", () => {
  test.each([
    ["AWS_CA_BUNDLE=''", "AWS_CA_BUNDLE", { AWS_CA_BUNDLE: "" }, ""],
    // The variable beats the profile's, empty too, as for the CLI.
    ["AWS_CA_BUNDLE='' over a good ca_bundle", "AWS_CA_BUNDLE", { AWS_CA_BUNDLE: "" }, "ca.pem"],
    ["ca_bundle =", "ca_bundle in the profile's config", {}, "empty"],
  ] as const)(
    "%s: exit 3, nothing sent, files as they were",
    async (_name, where, extra, profile) => {
      const { u, env, login } = user();
      if (profile) {
        const value = profile === "empty" ? "" : at(profile);
        u.sandbox.writeConfig(`${u.sandbox.readConfig()}ca_bundle = ${value}\n`);
      }
      const before = [u.sandbox.readConfig(), u.sandbox.readCredentials()];
      const calls = world.aws.calls.length;
      const r = await login(extra);
      expect(r.stderr).toContain(
        `${where} is set but empty: the AWS CLI takes that as "check no TLS certificate", and awsmfa never turns certificate checks off.`,
      );
      expect(r.stderr).not.toContain("This is a bug");
      expect(r.code).toBe(3);
      expect(r.stdout).toBe("false\n");
      expect(world.aws.calls.length).toBe(calls);
      expect([u.sandbox.readConfig(), u.sandbox.readCredentials()]).toEqual(before);
      if (!hasCli) return;
      // The reason: the CLI trusts the TLS front, whose CA is in no bundle it was given.
      const config = profile
        ? (() => {
            const path = `${u.sandbox.configPath}.cli`;
            const value = profile === "empty" ? "" : at(profile);
            writeFileSync(
              path,
              `${before[0]}\n[profile ${u.profile}-long-term]\nca_bundle = ${value}\n`,
            );
            return { AWS_CONFIG_FILE: path };
          })()
        : {};
      expect(await cliExit(u, { ...env, ...extra, ...config })).toBe(0);
      expect(await cliExit(u, { ...env, ...config, AWS_CA_BUNDLE: at("other-ca.pem") })).not.toBe(
        0,
      );
    },
    60_000,
  );

  test("a cached login is not stopped by it: no call, no CAs needed", async () => {
    const { login } = user();
    expect((await login({ AWS_CA_BUNDLE: at("ca.pem") })).code).toBe(0);
    const calls = world.aws.calls.length;
    const cached = await login({ AWS_CA_BUNDLE: "" });
    expect(cached.stderr).toContain("Reusing session");
    expect(cached.code).toBe(0);
    expect(world.aws.calls.length).toBe(calls);
  });
});

describe("a CA bundle that cannot be used costs no code: refused before the code is asked for", () => {
  // The code source leaves a mark when it is asked: a person typing a code, a YubiKey touch, a
  // 1Password unlock, all for a call that could never be made.
  function askedMark(u: ReturnType<typeof user>["u"]) {
    const mark = join(u.sandbox.home, "code-asked");
    const code = u.code();
    return { mark, args: ["--otp-command", `sh -c 'touch ${mark}; echo ${code}'`] };
  }

  test.each([
    ["AWS_CA_BUNDLE=''", { AWS_CA_BUNDLE: "" }, "AWS_CA_BUNDLE is set but empty"],
    [
      "AWS_CA_BUNDLE naming no file",
      { AWS_CA_BUNDLE: at("missing.pem") },
      `AWS_CA_BUNDLE "${at("missing.pem")}" is not a CA bundle awsmfa can use: there is no such file.`,
    ],
  ])("login, %s: exit 3, no code asked, nothing sent", async (_name, extra, words) => {
    const { u, env } = user();
    const { mark, args } = askedMark(u);
    const before = [u.sandbox.readConfig(), u.sandbox.readCredentials()];
    const calls = world.aws.calls.length;
    const r = await u.run(["login", u.profile, ...args, "--format", "sh"], {
      env: { ...env, ...extra },
    });
    expect(r.stderr).toContain(words);
    expect(r.code).toBe(3);
    expect(existsSync(mark)).toBe(false);
    expect(world.aws.calls.length).toBe(calls);
    expect([u.sandbox.readConfig(), u.sandbox.readCredentials()]).toEqual(before);
  });

  test("a role whose own ca_bundle names no file: exit 3 before its MFA session's code", async () => {
    const { u, env } = user();
    addRoleProfiles(world.aws, u, [{ profile: "prod-admin" }]);
    const header = "[profile prod-admin]\n";
    expect(u.sandbox.readConfig()).toContain(header);
    // Its base profile's bundle is good: its own MFA session could be had.
    const base = `[profile ${u.profile}]\n`;
    u.sandbox.writeConfig(
      u.sandbox
        .readConfig()
        .replace(header, `${header}ca_bundle = ${at("missing.pem")}\n`)
        .replace(base, `${base}ca_bundle = ${at("ca.pem")}\n`),
    );
    const { mark, args } = askedMark(u);
    const before = [u.sandbox.readConfig(), u.sandbox.readCredentials()];
    const calls = world.aws.calls.length;
    const r = await u.run(["login", "prod-admin", ...args, "--format", "sh"], { env });
    expect(r.stderr).toContain(`"${at("missing.pem")}" is not a CA bundle awsmfa can use`);
    expect(r.code).toBe(3);
    expect(existsSync(mark)).toBe(false);
    expect(world.aws.calls.length).toBe(calls);
    expect([u.sandbox.readConfig(), u.sandbox.readCredentials()]).toEqual(before);
  });
});
