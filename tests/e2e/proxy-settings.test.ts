/**
 * The proxy settings as the binary weighs them (system/proxy-env.ts, proxy-check.ts): a proxy
 * NO_PROXY exempts the host from is never named (a network error's hint, --debug, doctor), and
 * a proxy variable that is no URL is a configuration error (exit 3) naming the variable, its
 * password never, before any request and with the user's files as they were, in every command
 * that reaches the network.
 */
import { expect, test } from "bun:test";
import { closedPort } from "../support/closed-port.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles } from "../support/role-world.ts";

const world = useLoginWorld();

test("a proxy NO_PROXY exempts the host from is not named in a network error, nor by --debug", async () => {
  const u = world.user();
  const [endpoint, proxy] = [await closedPort(), await closedPort()];
  const login = () => ["login", u.profile, "--otp", u.code(), "--format", "sh", "--debug"];
  const base = {
    ...u.sandbox.env,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${endpoint}`,
    HTTP_PROXY: `http://127.0.0.1:${proxy}`,
  };
  for (const noProxy of ["127.0.0.1", "*", "127.0.0.0/8", `example.com, 127.0.0.1:${endpoint}`]) {
    const r = await u.run(login(), { env: { ...base, NO_PROXY: noProxy } });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`Could not reach AWS STS/IAM at http://127.0.0.1:${endpoint}`);
    expect(r.stderr).not.toContain("HTTP_PROXY is set");
    expect(r.stderr).toContain(`sts: GetSessionToken -> http://127.0.0.1:${endpoint}\n`);
  }
  // The proxy applies (another host, another port): it is named, in the hint and by --debug.
  const r = await u.run(login(), { env: { ...base, NO_PROXY: `example.com,127.0.0.1:${proxy}` } });
  expect(r.code).toBe(5);
  expect(r.stderr).toContain(`HTTP_PROXY is set (the proxy 127.0.0.1:${proxy}): if that proxy`);
  expect(r.stderr).toContain(
    `sts: GetSessionToken -> http://127.0.0.1:${endpoint}; HTTP_PROXY is set (the proxy 127.0.0.1:${proxy})\n`,
  );
});

test("doctor names the proxy of its clock check only when it applies", async () => {
  const u = world.user();
  const proxy = await closedPort();
  const env = { ...u.sandbox.env, HTTP_PROXY: `http://127.0.0.1:${proxy}` };
  const through = await u.run(["doctor"], { env });
  expect(through.stdout).toContain("to compare clocks: the connection was refused");
  expect(through.stdout).toContain(`HTTP_PROXY is set (the proxy 127.0.0.1:${proxy})`);
  const direct = await u.run(["doctor"], { env: { ...env, NO_PROXY: "127.0.0.1" } });
  expect(direct.stdout).toContain("This computer's clock");
  expect(direct.stdout).not.toContain("HTTP_PROXY");
});

const BAD = [
  ["not a url", "it has a space in it"],
  [":::", "it is not a URL"],
  ["http://bob:s3cretPw@127.0.0.1:70000", "its port 70000 is past 65535"],
  ["ftp://bob:s3cretPw@127.0.0.1:21", "awsmfa can use http:// and https:// proxies, not ftp://"],
] as const;

test.each(BAD)(
  "HTTP_PROXY=%j: login, whoami, keys rotate exit 3 (%s), nothing sent",
  async (value, why) => {
    const u = world.user();
    const files = () => [u.sandbox.readConfig(), u.sandbox.readCredentials()];
    const before = files();
    const calls = world.aws.calls.length;
    for (const args of [
      ["login", u.profile, "--otp", u.code(), "--format", "sh"],
      ["whoami", "--profile", `${u.profile}-long-term`],
      ["keys", "rotate", u.profile, "--otp", u.code()],
    ]) {
      const r = await u.run(args, { env: { ...u.sandbox.env, HTTP_PROXY: value } });
      expect(r.stderr).toContain(`HTTP_PROXY "`);
      expect(r.stderr).toContain(`is not a proxy awsmfa can use: ${why}.`);
      expect(r.stderr).toContain("Set HTTP_PROXY to the proxy's URL");
      expect(r.stderr).not.toContain("s3cretPw");
      expect(r.stderr).not.toContain("This is a bug");
      expect(r.code).toBe(3);
    }
    expect(world.aws.calls.length).toBe(calls);
    expect(files()).toEqual(before);
  },
);

test("a bad proxy for https only stops https calls; NO_PROXY exempting the host, none", async () => {
  const u = world.user();
  const r = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
    env: { ...u.sandbox.env, HTTPS_PROXY: ":::" },
  });
  expect(r.code).toBe(0);
  const exempt = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
    env: { ...u.sandbox.env, HTTP_PROXY: ":::", NO_PROXY: "127.0.0.1" },
  });
  expect(exempt.code).toBe(0);
});

test("console: a bad proxy is exit 3 before a code is asked for", async () => {
  const login = world.user();
  addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
  const calls = world.aws.calls.length;
  const r = await login.run(["console", "prod-admin", "--print", "--otp", login.code()], {
    env: { ...login.sandbox.env, HTTP_PROXY: "http://bob:s3cretPw@127.0.0.1:99999" },
  });
  expect(r.stderr).toContain(`HTTP_PROXY "http://…@127.0.0.1:99999" is not a proxy`);
  expect(r.stderr).not.toContain("s3cretPw");
  expect(r.code).toBe(3);
  expect(r.stdout).toBe("");
  expect(world.aws.calls.length).toBe(calls);
});

test("doctor: a bad proxy is a problem of the clock check, and the other checks run", async () => {
  const u = world.user();
  const r = await u.run(["doctor"], {
    env: { ...u.sandbox.env, HTTP_PROXY: "http://bob:s3cretPw@127.0.0.1:70000" },
  });
  expect(r.stdout).toContain(
    `HTTP_PROXY "http://…@127.0.0.1:70000" is not a proxy awsmfa can use: its port 70000 is past 65535.`,
  );
  expect(r.stdout).toContain("MFA profiles");
  expect(r.stdout).toContain("Long-term keys");
  expect(r.stdout + r.stderr).not.toContain("s3cretPw");
  expect(r.code).toBe(9);
});
