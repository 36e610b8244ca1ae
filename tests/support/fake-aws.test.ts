/**
 * The fake's own API: the users, roles and devices it makes, its TOTP codes (RFC 6238
 * vectors), the call record, and the standalone server with its /_fake/ control API.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { TOTP } from "otpauth";
import { codeAt } from "./fake-aws/totp.ts";
import { type DemoWorld, type FakeAws, startFakeAws } from "./fake-aws.ts";

let aws: FakeAws;
beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.stop());

describe("addUser", () => {
  for (const partition of ["aws", "aws-cn", "aws-us-gov"] as const) {
    test(`makes AWS-shaped keys and devices in ${partition}`, () => {
      const user = aws.addUser({ name: `u-${partition}`, partition, devices: 2 });
      expect(user.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
      expect(user.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
      expect(user.secretAccessKey).toContain("/");
      expect(user.secretAccessKey).toContain("+");
      expect(user.account).toMatch(/^\d{12}$/);
      expect(user.userId).toMatch(/^AIDA[A-Z0-9]{17}$/);
      expect(user.arn).toBe(`arn:${partition}:iam::${user.account}:user/u-${partition}`);
      expect(user.devices.map((d) => d.serial)).toEqual([
        `arn:${partition}:iam::${user.account}:mfa/u-${partition}`,
        `arn:${partition}:iam::${user.account}:mfa/u-${partition}-2`,
      ]);
      for (const d of user.devices) expect(d.secret).toMatch(/^[A-Z2-7]{32}$/);
    });
  }

  test("root users answer as the account", () => {
    const root = aws.addUser({ root: true, account: "012345678901" });
    expect(root).toMatchObject({ arn: "arn:aws:iam::012345678901:root", userId: "012345678901" });
    expect(root.devices[0]!.serial).toBe("arn:aws:iam::012345678901:mfa/root-account-mfa-device");
  });

  test("refuses impossible worlds", () => {
    const user = aws.addUser({ name: "twin" });
    expect(() => aws.addUser({ name: "twin", account: user.account })).toThrow("exists");
    expect(() => aws.addUser({ account: "12345" })).toThrow("12 digits");
    expect(() => aws.addUser({ name: "has space" })).toThrow("not an IAM user name");
    expect(() => aws.addUser({ account: user.account, partition: "aws-cn" })).toThrow(
      "another partition",
    );
    aws.addUser({ root: true, account: user.account });
    expect(() => aws.addUser({ root: true, account: user.account })).toThrow("root");
  });

  test("keys are unique", () => {
    const keys = new Set(Array.from({ length: 50 }, () => aws.addUser().accessKeyId));
    expect(keys.size).toBe(50);
  });
});

describe("addRole", () => {
  test("defaults to one hour, no MFA, no ExternalId", () => {
    const role = aws.addRole({ account: "111122223333", name: "reader" });
    expect(role).toMatchObject({
      arn: "arn:aws:iam::111122223333:role/reader",
      partition: "aws",
      requireMfa: false,
      maxSessionDuration: 3600,
    });
    expect(role.externalId).toBeUndefined();
    expect(() => aws.addRole({ account: "111122223333", name: "reader" })).toThrow("exists");
    expect(() =>
      aws.addRole({ account: "111122223333", name: "x", maxSessionDuration: 60 }),
    ).toThrow("3600..43200");
  });
});

describe("code()", () => {
  // RFC 6238 appendix B, SHA-1 seed "12345678901234567890", last 6 of the 8-digit codes.
  const rfcSeed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  const vectors: [number, string][] = [
    [59, "287082"],
    [1111111109, "081804"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ];
  for (const [seconds, code] of vectors) {
    test(`RFC 6238 at T=${seconds}`, () => {
      expect(codeAt(rfcSeed, seconds * 1000)).toBe(code);
    });
  }

  test("follows the server clock and agrees with otpauth's TOTP", () => {
    const user = aws.addUser();
    const device = user.devices[0]!;
    const totp = new TOTP({ secret: device.secret, algorithm: "SHA1", digits: 6, period: 30 });
    aws.clockOffsetMs = 90_000;
    try {
      const serverNow = aws.now();
      expect(aws.code(device.serial)).toBe(totp.generate({ timestamp: serverNow }));
      expect(aws.code(device.serial, 0)).toBe(totp.generate({ timestamp: 0 }));
    } finally {
      aws.clockOffsetMs = 0;
    }
    expect(() => aws.code("arn:aws:iam::000000000000:mfa/none")).toThrow("no MFA device");
  });
});

describe("state()", () => {
  test("is plain JSON with users, roles, clock and pending faults", () => {
    aws.inject({ action: "AssumeRole", kind: "throttle", times: 2 });
    const state = JSON.parse(JSON.stringify(aws.state()));
    aws.clearFaults();
    expect(state.url).toBe(aws.url);
    expect(state.faults).toEqual([{ action: "AssumeRole", kind: "throttle", times: 2 }]);
    expect(state.users.length).toBeGreaterThan(0);
    expect(state.sessionLifetimeOverrideSeconds).toBeNull();
  });
});

describe("standalone: bun tests/support/fake-aws.ts --port 0", () => {
  let child: ReturnType<typeof Bun.spawn<"ignore", "pipe", "pipe">>;
  let demo: DemoWorld;

  beforeAll(async () => {
    child = Bun.spawn([process.execPath, join(import.meta.dir, "fake-aws.ts"), "--port", "0"], {
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const reader = child.stdout.getReader();
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`fake-aws exited: ${await new Response(child.stderr).text()}`);
      text += new TextDecoder().decode(value);
    }
    reader.releaseLock();
    demo = JSON.parse(text);
  });
  afterAll(async () => {
    child.kill();
    await child.exited;
  });

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${demo.url}/_fake/${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: JSON from the control API, checked by the tests
    return { status: response.status, json: (await response.json()) as any };
  };

  test("prints one line of JSON with the demo users and roles", () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const byName = Object.fromEntries(demo.users.map((u) => [u.name, u]));
    expect(byName.alice!.devices).toHaveLength(1);
    expect(byName.bob!.devices).toHaveLength(2);
    expect(byName.root!.root).toBe(true);
    expect(byName.dana!.listMfaDevicesDenied).toBe(true);
    expect(byName.chen).toMatchObject({ partition: "aws-cn", region: "cn-north-1" });
    expect(byName.grace).toMatchObject({ partition: "aws-us-gov", region: "us-gov-west-1" });
    expect(byName.alice!.devices[0]!.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(demo.roles.some((r) => r.requireMfa)).toBe(true);
    expect(demo.roles.some((r) => r.externalId)).toBe(true);
  });

  test("serves AWS and the control API", async () => {
    const alice = demo.users.find((u) => u.name === "alice")!;
    const client = new STSClient({
      region: alice.region,
      endpoint: demo.url,
      credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey },
      maxAttempts: 1,
    });
    expect((await client.send(new GetCallerIdentityCommand({}))).Arn).toBe(alice.arn);

    const serial = alice.devices[0]!.serial;
    const code = await control("GET", `code?serial=${encodeURIComponent(serial)}`);
    expect(code.json.code).toBe(codeAt(alice.devices[0]!.secret, code.json.at));

    expect((await control("POST", "fault", { kind: "throttle" })).status).toBe(200);
    const throttled = await client.send(new GetCallerIdentityCommand({})).catch((e: Error) => e);
    expect((throttled as Error).name).toBe("Throttling");

    const calls = await control("GET", "calls");
    expect(calls.json.map((c: { errorCode?: string }) => c.errorCode ?? "ok")).toEqual([
      "ok",
      "Throttling",
    ]);
    await control("DELETE", "calls");
    expect((await control("GET", "calls")).json).toEqual([]);
  });

  test("control API: users, clock, session lifetime, errors", async () => {
    const added = await control("POST", "users", { name: "zoe", partition: "aws-cn" });
    expect(added.json.arn).toMatch(/^arn:aws-cn:iam::\d{12}:user\/zoe$/);
    const clock = await control("POST", "clock", { offsetMs: 60_000 });
    expect(clock.json.now - Date.now()).toBeWithin(55_000, 65_000);
    await control("POST", "session-lifetime", { seconds: 5 });
    const state = await control("GET", "state");
    expect(state.json).toMatchObject({ clockOffsetMs: 60_000, sessionLifetimeOverrideSeconds: 5 });
    expect((await control("GET", "nowhere")).status).toBe(404);
    expect((await control("POST", "fault", { kind: "nonsense" })).status).toBe(400);
  });
});
