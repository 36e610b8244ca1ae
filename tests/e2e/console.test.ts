/**
 * awsmfa console: the federation sign-in link of a role session, checked against the fake
 * sign-in endpoint on 127.0.0.1; opened through a one-time local redirect so the link never
 * reaches a program's argv, and that redirect serves only our own user's browser (a second
 * local user, nobody via setpriv, reads the address from /proc and is refused); a plain MFA
 * profile gets the explanation instead.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useLoginWorld } from "../support/login-world.ts";
import { asNobody, canDropPrivileges, isRoot } from "../support/other-user.ts";
import { addRoleProfiles } from "../support/role-world.ts";

const world = useLoginWorld();
const hasCurl = Bun.which("curl") !== null;
if (!hasCurl) console.log("skipped: curl is not installed, so the fake browser cannot run");
// A second, hostile local user: root drops to `nobody` (65534) for the thief's requests.
// Its commands run after `cd /`: nobody may not be able to look into the checkout (item 17).
const canPlayThief = hasCurl && process.platform === "linux" && isRoot && canDropPrivileges;
const THIEF = canPlayThief ? asNobody().join(" ") : "";
if (!canPlayThief)
  console.log("SKIPPED: the hostile second user needs Linux, root, setpriv and curl");

/** A stand-in for xdg-open: records its arguments, then does what a browser would. */
function fakeOpener(login: ReturnType<typeof world.user>, behaviour = "browse"): string {
  const dir = join(login.sandbox.home, "bin");
  const script = [
    "#!/bin/sh",
    `printf '%s\\n' "$@" > "${dir}/argv"`,
    behaviour === "fail" ? "exit 4" : "",
    behaviour === "ignore" ? "exit 0" : "",
    // Another user reads the address where anyone can, in /proc/PID/cmdline, and asks first.
    ...(behaviour.startsWith("thief")
      ? [
          "cd /",
          `address=$(${THIEF} sh -c 'tr "\\000" "\\n" < /proc/'$$'/cmdline | tail -n 1')`,
          `printf '%s' "$address" > "${dir}/thief-saw"`,
          `${THIEF} curl -s -i "$address" > "${dir}/thief"`,
        ]
      : []),
    // It keeps trying: refused each time, and said once.
    behaviour === "thief-only" ? `${THIEF} curl -s -o /dev/null "$address"; exit 0` : "",
    // Follow the one-time redirect to the sign-in link, and the link (on the fake) to the console.
    `link=$(curl -s -o /dev/null -w '%{redirect_url}' "$1")`,
    `printf '%s' "$link" > "${dir}/link"`,
    `curl -s -o /dev/null -w '%{redirect_url}' "$link" > "${dir}/console"`,
    "",
  ].join("\n");
  login.sandbox.file("bin/xdg-open", script, 0o755);
  return dir;
}

/** The first non-empty answer of `read`, within 5 s. */
async function eventually(read: () => string): Promise<string> {
  for (let i = 0; i < 250; i++) {
    const text = safely(read);
    if (text) return text;
    await Bun.sleep(20);
  }
  return safely(read);
}

function safely(read: () => string): string {
  try {
    return read();
  } catch {
    return "";
  }
}

function withOpener(login: ReturnType<typeof world.user>, behaviour?: string) {
  const bin = fakeOpener(login, behaviour);
  return { env: { ...login.sandbox.env, PATH: `${bin}:${login.sandbox.env.PATH}` }, bin };
}

describe("console --print", () => {
  test("a role profile: a sign-in link for the role session, accepted once by the endpoint", async () => {
    const login = world.user();
    const [role] = addRoleProfiles(world.aws, login, [
      { profile: "prod-admin", keys: { region: "eu-central-1" } },
    ]);
    const r = await login.run(["console", "prod-admin", "--print", "--otp", login.code()]);
    expect(r.stderr).toContain("treat it like a password");
    expect(r.code).toBe(0);
    const link = new URL(r.stdout.trim());
    expect(`${link.origin}${link.pathname}`).toBe(`${world.aws.url}/federation`);
    expect(link.searchParams.get("Action")).toBe("login");
    expect(link.searchParams.get("Issuer")).toBe("awsmfa");
    expect(link.searchParams.get("Destination")).toBe(
      "https://console.aws.amazon.com/console/home?region=eu-central-1",
    );
    const token = world.aws.signins.at(-1)!;
    expect(token).toMatchObject({ action: "getSigninToken", status: 200 });
    expect(token.identityArn).toContain(`:assumed-role/${role!.name}/awsmfa-`);
    // The link signs in once, then it is spent.
    const first = await fetch(link, { redirect: "manual" });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(link.searchParams.get("Destination"));
    expect((await fetch(link, { redirect: "manual" })).status).toBe(400);
  });

  test("--destination picks a service's page; the cached role session needs no code", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    expect((await login.run(["prod-admin", "--otp", login.code()])).code).toBe(0);
    const r = await login.run(["console", "prod-admin", "--print", "--destination", "s3"], {
      env: { ...login.sandbox.env, AWS_REGION: "ap-south-1" },
    });
    expect(r.code).toBe(0);
    expect(new URL(r.stdout.trim()).searchParams.get("Destination")).toBe(
      "https://console.aws.amazon.com/s3/home?region=ap-south-1",
    );
    const bad = await login.run([
      "console",
      "prod-admin",
      "--print",
      "--destination",
      "not a page",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("neither a console URL nor a service name");
    // Another site is refused before any sign-in link is made.
    const signins = world.aws.signins.length;
    const evil = await login.run([
      "console",
      "prod-admin",
      "--print",
      "--destination",
      "https://evil.example/x",
    ]);
    expect(evil.code).toBe(2);
    expect(evil.stdout).toBe("");
    expect(evil.stderr).toContain("is not a page of the AWS console (console.aws.amazon.com)");
    expect(world.aws.signins.length).toBe(signins);
  });

  test.each([
    // With no region named, the partition's default region: where the role was assumed.
    ["aws-cn", "https://console.amazonaws.cn/console/home?region=cn-north-1"],
    ["aws-us-gov", "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"],
  ] as const)("%s: the console of that partition", async (partition, destination) => {
    const login = world.user({ partition, region: null });
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const r = await login.run(["console", "prod-admin", "--print", "--otp", login.code()]);
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(new URL(r.stdout.trim()).searchParams.get("Destination")).toBe(destination);
  });

  test("AWS_ENDPOINT_URL_SIGNIN names the sign-in endpoint", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const { AWS_ENDPOINT_URL: _global, ...env } = login.sandbox.env;
    const r = await login.run(["console", "prod-admin", "--print", "--otp", login.code()], {
      env: {
        ...env,
        AWS_ENDPOINT_URL_STS: world.aws.url,
        AWS_ENDPOINT_URL_SIGNIN: `${world.aws.url}/`,
      },
    });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`${world.aws.url}/federation?Action=login&`)).toBe(true);
  });

  test("an IAM user's MFA profile: why the console needs a role, what to add; nothing asked", async () => {
    const login = world.user();
    const r = await login.run(["console", "prod"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      "prod is an IAM user's MFA profile; the AWS console needs a role session.",
    );
    expect(r.stderr).toContain("[profile prod-console]");
    expect(r.stderr).toContain(`role_arn = arn:aws:iam::${login.user.account}:role/ROLE_NAME`);
    expect(r.stderr).toContain("source_profile = prod");
    expect(r.stderr).toContain(`https://${login.user.account}.signin.aws.amazon.com/console`);
    expect(world.aws.calls.filter((c) => c.accessKeyId === login.user.accessKeyId)).toHaveLength(0);
  });
});

describe.skipIf(!hasCurl)("console in the browser", () => {
  test("opens through a one-time local address: the link is never on argv", async () => {
    const login = world.user();
    const [role] = addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const { env, bin } = withOpener(login);
    const r = await login.run(["console", "prod-admin", "--otp", login.code()], { env });
    expect(r.stderr).toContain(`Opened the AWS console as ${role!.arn} (profile prod-admin).`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const argv = readFileSync(join(bin, "argv"), "utf8");
    expect(argv).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}\n$/);
    // The "browser" goes on after awsmfa has ended, as a real one does.
    const link = await eventually(() => readFileSync(join(bin, "link"), "utf8"));
    expect(link).toContain("SigninToken=");
    expect(argv).not.toContain("SigninToken");
    expect(await eventually(() => readFileSync(join(bin, "console"), "utf8"))).toBe(
      "https://console.aws.amazon.com/console/home",
    );
    expect(world.aws.signins.at(-1)).toMatchObject({ action: "login", status: 302 });
  });

  test("$BROWSER is used when set", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const { env, bin } = withOpener(login);
    const r = await login.run(["console", "prod-admin", "--otp", login.code()], {
      env: { ...login.sandbox.env, BROWSER: join(bin, "xdg-open") },
    });
    expect(r.code).toBe(0);
    // The opener is not on PATH here: only $BROWSER can have run it.
    expect(env.PATH).not.toBe(login.sandbox.env.PATH);
    expect(readFileSync(join(bin, "argv"), "utf8")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  test.each([
    [
      "no opener",
      { BROWSER: "/nonexistent/browser" },
      undefined,
      'Cannot open a browser: "/nonexistent/browser" is not installed.',
    ],
    ["a failing opener", {}, "fail", 'Cannot open a browser: "xdg-open" failed (exit 4).'],
    [
      "a browser that never asks",
      { AWSMFA_OPEN_TIMEOUT: "1s" },
      "ignore",
      "did not open the sign-in link within 1 s",
    ],
  ] as const)(
    "%s: exit 3, says to use --print, shows no link",
    async (_, extra, behaviour, message) => {
      const login = world.user();
      addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
      const { env } = withOpener(login, behaviour);
      const r = await login.run(["console", "prod-admin", "--otp", login.code()], {
        env: { ...env, ...extra },
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("awsmfa console prod-admin --print");
      expect(r.stderr + r.stdout).not.toContain("SigninToken");
    },
  );
});

describe.skipIf(!canPlayThief)("console: another local user on the same computer", () => {
  test("reads the address from the opener's argv but gets 403, no token; the browser still signs in", async () => {
    const login = world.user();
    const [role] = addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const { env, bin } = withOpener(login, "thief-first");
    const r = await login.run(["console", "prod-admin", "--otp", login.code()], { env });
    // The thief did see the address: the control is not secrecy of argv, it is who asks.
    const argv = readFileSync(join(bin, "argv"), "utf8").trim();
    expect(readFileSync(join(bin, "thief-saw"), "utf8")).toBe(argv);
    const thief = readFileSync(join(bin, "thief"), "utf8");
    expect(thief).toStartWith("HTTP/1.1 403");
    expect(thief).toContain("belongs to another user of this computer");
    expect(thief).not.toContain("SigninToken");
    expect(thief.toLowerCase()).not.toContain("location:");
    expect(r.stderr).toContain(
      "Refused the sign-in link to a program of another user of this computer (uid 65534); still waiting for your browser.",
    );
    expect(r.stderr).toContain(`Opened the AWS console as ${role!.arn} (profile prod-admin).`);
    expect(r.code).toBe(0);
    const link = await eventually(() => readFileSync(join(bin, "link"), "utf8"));
    expect(link).toContain("SigninToken=");
    expect(await eventually(() => readFileSync(join(bin, "console"), "utf8"))).toBe(
      "https://console.aws.amazon.com/console/home",
    );
  });

  test("when only the other user asks: no 'Opened', exit 3 by the deadline, the refusal said, no token", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const { env, bin } = withOpener(login, "thief-only");
    const started = Date.now();
    const r = await login.run(["console", "prod-admin", "--otp", login.code()], {
      env: { ...env, AWSMFA_OPEN_TIMEOUT: "2s" },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    const thief = readFileSync(join(bin, "thief"), "utf8");
    expect(thief).toStartWith("HTTP/1.1 403");
    expect(thief).not.toContain("SigninToken");
    expect(r.stderr).not.toContain("Opened");
    expect(r.stderr.split("(uid 65534)")).toHaveLength(2);
    expect(r.stderr).toContain(
      "Your browser did not open the sign-in link within 2 s; it was refused 2 times to programs not known to be yours (see above).",
    );
    expect(r.stderr).toContain("awsmfa console prod-admin --print");
    expect(r.stderr + r.stdout).not.toContain("SigninToken");
    expect(r.code).toBe(3);
    // No sign-in happened at the endpoint: the token was never redeemed by anyone.
    expect(world.aws.signins.at(-1)).toMatchObject({ action: "getSigninToken" });
  });
});
