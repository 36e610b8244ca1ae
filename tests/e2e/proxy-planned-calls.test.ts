/**
 * The endpoint and proxy settings of a call are checked when that call is to be made, and only
 * then (aws/target.ts lazyTarget): an IAM-only problem (its endpoint override, the proxy of its
 * host) does not stop a login whose device is written down, which never calls IAM; a proxy
 * problem does not stop a cached login, which calls nothing. A call that is made still has
 * its settings checked before a code is asked for, with exit 3 and nothing sent.
 */
import { expect, test } from "bun:test";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles } from "../support/role-world.ts";

const world = useLoginWorld();

// The fake AWS is on http://127.0.0.1: HTTPS_PROXY touches only an https:// IAM override.
const IAM_ONLY = { AWS_ENDPOINT_URL_IAM: "https://127.0.0.1:9", HTTPS_PROXY: ":::" };

/** A code source that leaves a mark when it is asked, then prints the code. */
function markingSource(u: ReturnType<typeof world.user>) {
  const mark = join(u.sandbox.home, "asked");
  const script = join(u.sandbox.home, "code.sh");
  writeFileSync(script, `#!/bin/sh\n: > '${mark}'\necho "$CODE"\n`);
  chmodSync(script, 0o755);
  return { mark, args: ["--otp-source", "command", "--otp-command", script] };
}

test("a login whose device is written down is not stopped by IAM's proxy or endpoint", async () => {
  const u = world.user();
  const first = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"], {
    env: IAM_ONLY,
  });
  expect(first.stderr).toContain(`New session for ${u.profile}`);
  expect(first.code).toBe(0);
  // A second user: a device's code is taken once.
  const v = world.user();
  const broken = await v.run(["login", v.profile, "--otp", v.code(), "--format", "sh"], {
    env: { AWS_ENDPOINT_URL_IAM: "not a url" },
  });
  expect(broken.stderr).toContain(`New session for ${v.profile}`);
  expect(broken.code).toBe(0);
});

test("a login that looks its device up with IAM: IAM's bad proxy is exit 3, nothing sent", async () => {
  const u = world.user({ serial: false });
  const calls = world.aws.calls.length;
  const config = u.sandbox.readConfig();
  const r = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"], {
    env: IAM_ONLY,
  });
  expect(r.stderr).toContain(`HTTPS_PROXY ":::" is not a proxy awsmfa can use`);
  expect(r.code).toBe(3);
  expect(r.stdout).toBe("false\n");
  expect(world.aws.calls.length).toBe(calls);
  expect(u.sandbox.readConfig()).toBe(config);
});

test("a cached login is not stopped by a bad proxy or endpoint: it calls nothing", async () => {
  const u = world.user();
  expect((await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"])).code).toBe(0);
  const calls = world.aws.calls.length;
  const envs: Record<string, string>[] = [
    { HTTP_PROXY: ":::" },
    { AWS_ENDPOINT_URL_STS: "not a url" },
    { ...IAM_ONLY, HTTP_PROXY: "http://bob:pw@127.0.0.1:99999" },
  ];
  for (const env of envs) {
    const r = await u.run(["login", u.profile, "--format", "sh"], { env });
    expect(r.stderr).toContain(`Reusing session for ${u.profile}`);
    expect(r.code).toBe(0);
  }
  expect(world.aws.calls.length).toBe(calls);
});

test("a fresh login: STS's bad proxy is exit 3 before the code is asked for", async () => {
  const u = world.user();
  const { mark, args } = markingSource(u);
  const calls = world.aws.calls.length;
  const r = await u.run(["login", u.profile, ...args, "--format", "sh"], {
    env: { HTTP_PROXY: "http://bob:s3cret@127.0.0.1:99999", CODE: u.code() },
  });
  expect(r.stderr).toContain(`HTTP_PROXY "http://…@127.0.0.1:99999" is not a proxy`);
  expect(r.stderr).not.toContain("s3cret");
  expect(r.code).toBe(3);
  expect(existsSync(mark)).toBe(false);
  expect(world.aws.calls.length).toBe(calls);
  // The same source, without the bad proxy, is asked and works: the test's mark is real.
  const ok = await u.run(["login", u.profile, ...args, "--format", "sh"], {
    env: { CODE: u.code() },
  });
  expect(ok.code).toBe(0);
  expect(existsSync(mark)).toBe(true);
});

test("a role: cached, a bad proxy stops nothing; not cached, exit 3 before the code", async () => {
  const u = world.user();
  addRoleProfiles(world.aws, u, [{ profile: "prod-admin" }]);
  const { mark, args } = markingSource(u);
  const calls = world.aws.calls.length;
  const bad = await u.run(["login", "prod-admin", ...args, "--format", "sh"], {
    env: { HTTP_PROXY: ":::", CODE: u.code() },
  });
  expect(bad.stderr).toContain(`HTTP_PROXY ":::" is not a proxy awsmfa can use`);
  expect(bad.code).toBe(3);
  expect(existsSync(mark)).toBe(false);
  expect(world.aws.calls.length).toBe(calls);
  const first = await u.run(["login", "prod-admin", "--otp", u.code(), "--format", "sh"]);
  expect(first.code).toBe(0);
  const cached = await u.run(["login", "prod-admin", "--format", "sh"], {
    env: { HTTP_PROXY: ":::" },
  });
  expect(cached.stderr).toContain("Reusing");
  expect(cached.code).toBe(0);
});

test("doctor names the settings of the calls a profile's next login makes, and only those", async () => {
  const u = world.user();
  const bad = await u.run(["doctor"], { env: { AWS_ENDPOINT_URL_STS: "not a url" } });
  expect(bad.stdout).toContain(
    `${u.profile}: AWS_ENDPOINT_URL_STS "not a url" is not an endpoint awsmfa can call`,
  );
  expect(bad.code).toBe(9);
  // IAM's override matters only to a profile whose device is not written down.
  const known = world.user();
  const iamOnly = await known.run(["doctor"], { env: { AWS_ENDPOINT_URL_IAM: "not a url" } });
  expect(iamOnly.stdout).not.toContain("AWS_ENDPOINT_URL_IAM");
  const unknown = world.user({ serial: false });
  const lookup = await unknown.run(["doctor"], { env: { AWS_ENDPOINT_URL_IAM: "not a url" } });
  expect(lookup.stdout).toContain(
    `${unknown.profile}: AWS_ENDPOINT_URL_IAM "not a url" is not an endpoint awsmfa can call`,
  );
  expect(lookup.code).toBe(9);
});

test("a role over a profile whose device is not written down: the role's own bad CA bundle is exit 3 before the device lookup and the code", async () => {
  const u = world.user({ serial: false });
  const missing = join(u.sandbox.home, "missing.pem");
  addRoleProfiles(world.aws, u, [{ profile: "prod-admin", keys: { ca_bundle: missing } }]);
  const { mark, args } = markingSource(u);
  const before = [u.sandbox.readConfig(), u.sandbox.readCredentials()];
  const calls = world.aws.calls.length;
  const r = await u.run(["login", "prod-admin", ...args, "--format", "sh"], {
    env: { CODE: u.code() },
  });
  expect(r.stderr).toContain(
    `"${missing}" is not a CA bundle awsmfa can use: there is no such file.`,
  );
  expect(r.code).toBe(3);
  // Before: the device was looked up, the code asked and spent on GetSessionToken, then this.
  expect(existsSync(mark)).toBe(false);
  expect(world.aws.calls.length).toBe(calls);
  expect([u.sandbox.readConfig(), u.sandbox.readCredentials()]).toEqual(before);
});
