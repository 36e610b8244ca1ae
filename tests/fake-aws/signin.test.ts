/**
 * The fake console sign-in endpoint (/federation) is strict, so console tests prove something:
 * role sessions only, exact keys, live sessions, one-time tokens, an https Destination.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { AssumeRoleCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { type FakeAws, startFakeAws } from "../support/fake-aws.ts";
import { keysOf, sessionKeys, sts } from "./sdk.ts";

let aws: FakeAws;
beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.stop());

async function roleSession() {
  const user = aws.addUser();
  const role = aws.addRole({ account: user.account, name: `r-${user.name}` });
  const out = await sts(aws, keysOf(user)).send(
    new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "tester" }),
  );
  return { user, role, keys: sessionKeys(out.Credentials!) };
}

function session(keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return JSON.stringify({
    sessionId: keys.accessKeyId,
    sessionKey: keys.secretAccessKey,
    sessionToken: keys.sessionToken,
  });
}

async function federation(params: Record<string, string>, init: RequestInit = {}) {
  const response = await fetch(`${aws.url}/federation?${new URLSearchParams(params)}`, {
    redirect: "manual",
    ...init,
  });
  return {
    status: response.status,
    location: response.headers.get("location"),
    text: await response.text(),
  };
}

describe("getSigninToken", () => {
  test("a role session gets a token; the call is recorded with the role", async () => {
    const { keys, role } = await roleSession();
    const r = await federation({ Action: "getSigninToken", Session: session(keys) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).SigninToken).toMatch(/^[\w-]{64}$/);
    expect(aws.signins.at(-1)).toMatchObject({
      action: "getSigninToken",
      status: 200,
      identityArn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/tester`,
    });
  });

  test("a form POST works too", async () => {
    const { keys } = await roleSession();
    const response = await fetch(`${aws.url}/federation`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ Action: "getSigninToken", Session: session(keys) }),
    });
    expect(response.status).toBe(200);
  });

  test("refused: a user's GetSessionToken session, wrong secret or token, bad JSON, bad duration", async () => {
    const { user, keys } = await roleSession();
    const mfa = await sts(aws, keysOf(user)).send(new GetSessionTokenCommand({}));
    const cases: Record<string, string>[] = [
      { Action: "getSigninToken", Session: session(sessionKeys(mfa.Credentials!)) },
      { Action: "getSigninToken", Session: session({ ...keys, secretAccessKey: "x" }) },
      { Action: "getSigninToken", Session: session({ ...keys, sessionToken: "x" }) },
      { Action: "getSigninToken", Session: session(keysOf(user)) },
      { Action: "getSigninToken", Session: "{not json" },
      { Action: "getSigninToken", Session: session(keys), SessionDuration: "60" },
      { Action: "nothing" },
    ];
    for (const params of cases) expect((await federation(params)).status).toBe(400);
  });

  test("an expired role session is refused", async () => {
    const { keys } = await roleSession();
    aws.clockOffsetMs += 2 * 3600_000;
    try {
      expect((await federation({ Action: "getSigninToken", Session: session(keys) })).status).toBe(
        400,
      );
    } finally {
      aws.clockOffsetMs -= 2 * 3600_000;
    }
  });
});

describe("login", () => {
  async function token() {
    const { keys } = await roleSession();
    const r = await federation({ Action: "getSigninToken", Session: session(keys) });
    return JSON.parse(r.text).SigninToken as string;
  }

  test("redirects to the Destination once, then the token is spent", async () => {
    const SigninToken = await token();
    const params = {
      Action: "login",
      Issuer: "t",
      Destination: "https://console.aws.amazon.com/",
      SigninToken,
    };
    const first = await federation(params);
    expect(first).toMatchObject({ status: 302, location: "https://console.aws.amazon.com/" });
    expect(aws.signins.at(-1)).toMatchObject({ action: "login", issuer: "t", status: 302 });
    expect((await federation(params)).status).toBe(400);
  });

  test("refused: unknown or expired token, a Destination that is not https", async () => {
    const SigninToken = await token();
    expect(
      (await federation({ Action: "login", Destination: "https://x/", SigninToken: "nope" }))
        .status,
    ).toBe(400);
    expect(
      (await federation({ Action: "login", Destination: "http://x/", SigninToken })).status,
    ).toBe(400);
    aws.clockOffsetMs += 16 * 60_000;
    try {
      expect(
        (await federation({ Action: "login", Destination: "https://x/", SigninToken })).status,
      ).toBe(400);
    } finally {
      aws.clockOffsetMs -= 16 * 60_000;
    }
  });
});
