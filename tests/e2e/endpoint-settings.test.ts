/**
 * An endpoint setting that is no http(s) URL (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, a
 * profile's endpoint_url) is the user's setting to fix: exit 3, naming where it came from, with
 * no password shown, the files left as they were, and doctor reporting it instead of stopping.
 * Before, the call failed with exit 4 and the runtime's "TypeError: Invalid URL".
 */
import { expect, test } from "bun:test";
import { closedPort } from "../support/closed-port.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles } from "../support/role-world.ts";

const world = useLoginWorld();

const BAD: Array<[string, string]> = [
  ["not a url", "it is not a URL"],
  ["sts.example.test:443", "it does not start with http:// or https://"],
  ["http://127.0.0.1:99999", "it is not a URL"], // no such port
  ["http://[::1", "it is not a URL"],
  ["ftp://127.0.0.1/", "awsmfa calls AWS over http:// or https://, not ftp://"],
  ["https://bob:s3cretPw@127.0.0.1:99999/", "it is not a URL"],
];

test("a bad AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_STS: exit 3, the variable named, no password", async () => {
  const u = world.user();
  for (const [value, why] of BAD) {
    for (const name of ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS"]) {
      const r = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
        env: { ...u.sandbox.env, [name]: value },
      });
      const shown = value.replace("bob:s3cretPw", "…");
      expect([name, value, r.stderr]).toEqual([
        name,
        value,
        expect.stringContaining(`${name} "${shown}" is not an endpoint awsmfa can call: ${why}.`),
      ]);
      expect(r.stderr).toContain(`Set ${name} to the endpoint's address or unset it`);
      expect(r.stderr).not.toContain("s3cretPw");
      expect(r.stderr).not.toContain("report");
      expect(r.code).toBe(3);
    }
  }
});

test("a bad endpoint_url in the profile: a login stops with exit 3 before AWS, files unchanged", async () => {
  const u = world.user();
  // The profile's setting is the one in effect (an empty variable is unset); a dead proxy on
  // 127.0.0.1 keeps any request that would still go out on this machine.
  const env = {
    AWS_ENDPOINT_URL: "",
    HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}`,
  };
  u.sandbox.writeConfig(`${u.sandbox.readConfig()}endpoint_url = localhost:4566\n`);
  const config = u.sandbox.readConfig();
  const credentials = u.sandbox.readCredentials();
  const r = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"], { env });
  expect(r.stderr).toContain(
    `endpoint_url in the profile's config "localhost:4566" is not an endpoint awsmfa can call: it does not start with http:// or https://`,
  );
  expect(r.stderr).toContain(
    "Fix or remove endpoint_url in the profile's section of ~/.aws/config",
  );
  expect(r.code).toBe(3);
  expect(u.sandbox.readConfig()).toBe(config);
  expect(u.sandbox.readCredentials()).toBe(credentials);
  // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns every override off, the bad one included.
  const ignored = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
    env: {
      ...u.sandbox.env,
      AWS_ENDPOINT_URL: "not a url",
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
    },
  });
  expect(ignored.stderr).not.toContain("is not an endpoint awsmfa can call");
});

test("doctor reports a bad endpoint setting as a problem and goes on with the other checks", async () => {
  const u = world.user();
  const r = await u.run(["doctor"], { env: { ...u.sandbox.env, AWS_ENDPOINT_URL: "not a url" } });
  expect(r.stdout).toContain('AWS_ENDPOINT_URL "not a url" is not an endpoint awsmfa can call');
  expect(r.stdout).toContain("Files and folders");
  expect(r.code).toBe(9);
});

test("a user and password in a valid endpoint URL never show: not in errors, --debug or doctor", async () => {
  const u = world.user();
  const port = await closedPort();
  // Every form a user:password can take in an http(s) URL the runtime accepts.
  const urls = [
    `http://bob:s3cretPw@127.0.0.1:${port}/`,
    `HTTPS://bob:s3cretPw@127.0.0.1:${port}`,
    `http://bob:s3cret@Pw@127.0.0.1:${port}/path`,
    `http://s3cretPw@[::1]:${port}/`,
    // One slash, as the URL standard takes it for http (it has a "://" further on).
    `http:/bob:s3cretPw@127.0.0.1:${port}/q://`,
  ];
  for (const url of urls) {
    const env = { ...u.sandbox.env, AWS_ENDPOINT_URL_STS: url, HTTPS_PROXY: "", HTTP_PROXY: "" };
    const r = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh", "--debug"], {
      env,
    });
    expect([url, r.stderr]).toEqual([
      url,
      expect.stringContaining("Could not reach AWS STS/IAM at"),
    ]);
    expect([url, r.stderr]).toEqual([url, expect.stringContaining("…@")]);
    expect([url, r.stderr]).toEqual([url, expect.stringContaining("GetSessionToken ->")]);
    expect([url, r.stderr]).not.toEqual([url, expect.stringContaining("s3cret")]);
    expect(r.code).toBe(5);
    const doctor = await u.run(["doctor"], { env });
    expect([url, doctor.stdout]).toEqual([url, expect.stringContaining("Could not reach STS at")]);
    expect([url, doctor.stdout + doctor.stderr]).not.toEqual([
      url,
      expect.stringContaining("s3cret"),
    ]);
  }
});

test("console: AWS_ENDPOINT_URL_SIGNIN with a query or fragment is exit 3 before a code, no link", async () => {
  const login = world.user();
  addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
  for (const value of [`${world.aws.url}/?a=b`, `${world.aws.url}/x#frag`]) {
    const calls = world.aws.calls.length;
    const r = await login.run(["console", "prod-admin", "--print", "--otp", login.code()], {
      env: { ...login.sandbox.env, AWS_ENDPOINT_URL_SIGNIN: value },
    });
    expect(r.stderr).toContain(
      `AWS_ENDPOINT_URL_SIGNIN "${value}" is not an endpoint awsmfa can call: it has a query string (?) or fragment (#)`,
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(world.aws.calls.length).toBe(calls);
  }
});
