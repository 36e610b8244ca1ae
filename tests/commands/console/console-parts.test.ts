/**
 * The console's parts: sign-in and console hosts per partition, destinations, the opener per
 * platform, and the federation exchange against the fake sign-in endpoint.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "node:net";
import { AssumeRoleCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { partitionById } from "../../../src/aws/partition.ts";
import { browserCommand } from "../../../src/commands/console/browser.ts";
import { consoleDestination } from "../../../src/commands/console/destination.ts";
import {
  federationEndpoint,
  getSigninToken,
  loginUrl,
} from "../../../src/commands/console/federation.ts";
import { AuthError, NetworkError, UsageError } from "../../../src/errors.ts";
import { sessionKeys, sts } from "../../fake-aws/sdk.ts";
import { type FakeAws, startFakeAws } from "../../support/fake-aws.ts";
import { flood, tcpServer, withNotHttpServer } from "../../support/raw-server.ts";

describe("hosts per partition", () => {
  test.each([
    ["aws", "https://signin.aws.amazon.com/federation"],
    ["aws-cn", "https://signin.amazonaws.cn/federation"],
    ["aws-us-gov", "https://signin.amazonaws-us-gov.com/federation"],
  ] as const)("%s signs in at %s", (id, url) => {
    expect(federationEndpoint(partitionById(id), undefined)).toBe(url);
  });

  test.each([
    ["http://127.0.0.1:9", "http://127.0.0.1:9/federation"],
    ["http://127.0.0.1:9/", "http://127.0.0.1:9/federation"],
    ["http://127.0.0.1:9/federation", "http://127.0.0.1:9/federation"],
  ])("an override %s -> %s", (override, url) => {
    expect(federationEndpoint(partitionById("aws"), override)).toBe(url);
  });
});

describe("consoleDestination", () => {
  const aws = partitionById("aws");
  test.each([
    [undefined, undefined, "https://console.aws.amazon.com/console/home"],
    [undefined, "eu-west-1", "https://console.aws.amazon.com/console/home?region=eu-west-1"],
    ["s3", "eu-west-1", "https://console.aws.amazon.com/s3/home?region=eu-west-1"],
    ["cloudwatch", undefined, "https://console.aws.amazon.com/cloudwatch/home"],
    [
      "https://eu-west-1.console.aws.amazon.com/ec2/home#Instances",
      "x",
      "https://eu-west-1.console.aws.amazon.com/ec2/home#Instances",
    ],
  ])("%s in %s -> %s", (wanted, region, url) => {
    expect(consoleDestination(aws, region, wanted)).toBe(url);
  });

  test.each(["http://console.aws.amazon.com/", "s3 home", "../etc", "S3"])(
    "%s is refused",
    (wanted) => {
      expect(() => consoleDestination(aws, undefined, wanted)).toThrow(UsageError);
    },
  );

  test.each([
    "https://evil.example/x",
    "https://console.aws.amazon.com.evil.example/",
    "https://evilconsole.aws.amazon.com/",
    "https://user@console.aws.amazon.com/",
    "https://console.aws.amazon.com:8443/",
    "https://console.amazonaws.cn/s3/home",
    "https://signin.aws.amazon.com/federation",
  ])("%s is not a page of the AWS console: a usage error naming the console host", (wanted) => {
    expect(() => consoleDestination(aws, undefined, wanted)).toThrow(
      "is not a page of the AWS console (console.aws.amazon.com)",
    );
  });

  test("each partition accepts its own console hosts only", () => {
    const cn = partitionById("aws-cn");
    expect(consoleDestination(cn, undefined, "https://console.amazonaws.cn/s3/home")).toBe(
      "https://console.amazonaws.cn/s3/home",
    );
    expect(() =>
      consoleDestination(cn, undefined, "https://console.aws.amazon.com/s3/home"),
    ).toThrow(UsageError);
    expect(consoleDestination(aws, undefined, "https://console.aws.amazon.com/iam/home")).toBe(
      "https://console.aws.amazon.com/iam/home",
    );
  });

  test("China and GovCloud have their own consoles", () => {
    expect(consoleDestination(partitionById("aws-cn"), "cn-north-1", "s3")).toBe(
      "https://console.amazonaws.cn/s3/home?region=cn-north-1",
    );
    expect(consoleDestination(partitionById("aws-us-gov"), undefined, undefined)).toBe(
      "https://console.amazonaws-us-gov.com/console/home",
    );
  });
});

describe("browserCommand", () => {
  const url = "http://127.0.0.1:1/x";
  test.each([
    ["linux", {}, ["xdg-open", url]],
    ["freebsd", {}, ["xdg-open", url]],
    ["darwin", {}, ["open", url]],
    ["win32", {}, ["rundll32", "url.dll,FileProtocolHandler", url]],
    ["linux", { BROWSER: "wslview" }, ["wslview", url]],
    ["darwin", { BROWSER: " " }, ["open", url]],
  ] as const)("%s %o", (platform, env, command) => {
    expect(browserCommand(platform, env, url)).toEqual([...command]);
  });
});

describe("loginUrl", () => {
  test("every value is encoded; the token is the last parameter", () => {
    const url = new URL(
      loginUrl("https://signin.aws.amazon.com/federation", "a+b/c=", "https://x/?a=1&b=2"),
    );
    expect(url.searchParams.get("Destination")).toBe("https://x/?a=1&b=2");
    expect(url.searchParams.get("SigninToken")).toBe("a+b/c=");
    expect([...url.searchParams.keys()]).toEqual([
      "Action",
      "Issuer",
      "Destination",
      "SigninToken",
    ]);
  });
});

describe("getSigninToken against the fake sign-in endpoint", () => {
  let aws: FakeAws;
  beforeAll(async () => {
    aws = await startFakeAws();
  });
  afterAll(() => aws.stop());

  async function sessions() {
    const user = aws.addUser();
    const role = aws.addRole({ account: user.account, name: `r-${user.name}` });
    const keys = { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
    const mfa = await sts(aws, keys).send(new GetSessionTokenCommand({}));
    const assumed = await sts(aws, sessionKeys(mfa.Credentials!)).send(
      new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "tester" }),
    );
    const asSession = (c: typeof mfa.Credentials) => ({
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken!,
      expiration: c!.Expiration!,
    });
    return { user: asSession(mfa.Credentials), role: asSession(assumed.Credentials) };
  }

  test("a role session gets a token", async () => {
    const { role } = await sessions();
    expect(await getSigninToken(role, `${aws.url}/federation`)).toMatch(/^[\w-]{20,}$/);
  });

  test("an IAM user's session is refused, and the error holds no secret", async () => {
    const { user } = await sessions();
    let thrown: unknown;
    try {
      await getSigninToken(user, `${aws.url}/federation`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuthError);
    const text = `${(thrown as AuthError).message} ${(thrown as AuthError).hint}`;
    expect(text).toContain("did not accept the role session (HTTP 400)");
    for (const secret of [user.secretAccessKey, user.sessionToken])
      expect(text).not.toContain(secret);
  });

  test("an unreachable endpoint is a NetworkError naming only the host", async () => {
    const { role } = await sessions();
    const refusing = (async () => {
      throw new TypeError(
        `fetch failed for http://127.0.0.1:1/federation?Session=${role.secretAccessKey}`,
      );
    }) as unknown as typeof fetch;
    let thrown: unknown;
    try {
      await getSigninToken(role, "http://127.0.0.1:1/federation", { fetchFn: refusing });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NetworkError);
    expect((thrown as NetworkError).message).toBe(
      "Could not reach the AWS sign-in endpoint 127.0.0.1:1.",
    );
    expect((thrown as NetworkError).cause).toBeUndefined();
  });

  test("a failure fetch names by its code is said in words, still without the URL", async () => {
    const { role } = await sessions();
    let thrown: unknown;
    const port = await withNotHttpServer(async (port) => {
      await getSigninToken(role, `http://127.0.0.1:${port}/federation`).catch((error) => {
        thrown = error;
      });
      return port;
    });
    expect(thrown).toBeInstanceOf(NetworkError);
    const message = (thrown as NetworkError).message;
    expect(message).toStartWith(
      `Could not reach the AWS sign-in endpoint 127.0.0.1:${port}: what answered is not an HTTP server`,
    );
    expect(message).not.toContain(role.secretAccessKey);
    expect(message).not.toContain("verbose");
  });

  // Issue 11, items 2-3 (unbounded input): an endless answer was read whole until the 8 s
  // deadline, 4 GB of memory on this machine; it is cut off at a size cap, at once.
  test("an endless answer is refused at a size cap, at once, without the URL", async () => {
    const { role } = await sessions();
    const opened: Server[] = [];
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"SigninToken": "';
    const host = await tcpServer((socket) => flood(socket, head), opened);
    const started = Date.now();
    let thrown: unknown;
    try {
      await getSigninToken(role, `http://${host}/federation`);
    } catch (error) {
      thrown = error;
    } finally {
      for (const server of opened) server.close();
    }
    expect(thrown).toBeInstanceOf(NetworkError);
    const message = (thrown as NetworkError).message;
    expect(message).toBe(
      `The AWS sign-in endpoint ${host} sent more than 256 KB: that is not an answer from AWS.`,
    );
    expect(message).not.toContain(role.secretAccessKey);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
