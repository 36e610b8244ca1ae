/**
 * What the binary sends to AWS, read at the wire: its STS and IAM requests through a relay in
 * front of the fake AWS, which records each request as it came. The build puts awsmfa's
 * stand-ins where the SDK imports some of its modules (tsconfig.build.json: the Node request
 * handler, the default credential chain); these calls show that the SDK still builds, signs
 * and sends every request as the SDK does (the fake checks each SigV4 signature), with the
 * headers and user agent of the SDK's own Node runtime.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import iamPackage from "@aws-sdk/client-iam/package.json" with { type: "json" };
import stsPackage from "@aws-sdk/client-sts/package.json" with { type: "json" };
import { forward } from "../support/forward.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

interface Seen {
  action: string;
  headers: [string, string][];
  body: string;
}

const seen: Seen[] = [];
let relay: ReturnType<typeof Bun.serve> | undefined;

beforeAll(() => {
  relay = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const body = await req.clone().text();
      const action = new URLSearchParams(body).get("Action") ?? "";
      seen.push({ action, headers: [...req.headers], body });
      return forward(req, new URL(new URL(req.url).pathname, world.aws.url).href);
    },
  });
});

afterAll(() => relay?.stop(true));

/** The headers every SigV4 Query request of the SDK carries, by name (Bun's fetch adds none
 * that the fake would not see: connection and accept-encoding are the transport's). */
const SDK_HEADERS = [
  "amz-sdk-invocation-id",
  "amz-sdk-request",
  "authorization",
  "content-length",
  "content-type",
  "host",
  "user-agent",
  "x-amz-date",
  "x-amz-user-agent",
];

test("a login and a key rotation: STS and IAM requests as the SDK makes them, signed, sent", async () => {
  const user = world.user();
  const env = { AWS_ENDPOINT_URL: relay!.url.href.replace(/\/$/, "") };
  const login = await user.run([user.profile, "--otp", user.code(), "--no-write"], { env });
  expect(login.stderr).not.toContain("awsmfa:");
  expect(login.code).toBe(0);
  // The session the login cached signs the IAM calls: no second code.
  const rotate = await user.run(["keys", "rotate", user.profile], { env });
  expect(rotate.stderr).not.toContain("awsmfa:");
  expect(rotate.code).toBe(0);
  const actions = seen.map((s) => s.action);
  expect(actions[0]).toBe("GetSessionToken");
  for (const action of ["ListAccessKeys", "CreateAccessKey", "DeleteAccessKey"]) {
    expect(actions).toContain(action);
  }
  // The fake answered each one: every signature checked out.
  expect(world.aws.calls.filter((c) => c.status !== 200)).toEqual([]);
  if (process.env.AWSMFA_SHOW_REQUESTS) console.log(JSON.stringify(seen, null, 1));
  for (const request of seen) {
    const names = request.headers.map(([name]) => name);
    const sdk = names.filter((name) => SDK_HEADERS.includes(name)).sort();
    expect([request.action, sdk]).toEqual([request.action, SDK_HEADERS]);
    const header = (name: string) => request.headers.find(([n]) => n === name)?.[1] ?? "";
    const api =
      request.action === "GetSessionToken" || request.action === "GetCallerIdentity"
        ? `api/sts#${stsPackage.version}`
        : `api/iam#${iamPackage.version}`;
    // The SDK's Node runtime's user agent (util-user-agent-node), the client's own version.
    expect(header("user-agent")).toMatch(
      new RegExp(`^aws-sdk-js/\\S+ ua/2\\.1 os/linux#\\S+ lang/js md/\\S+ ${api} m/\\S+$`),
    );
    expect(header("x-amz-user-agent")).toStartWith("aws-sdk-js/");
    expect(header("authorization")).toMatch(
      /^AWS4-HMAC-SHA256 Credential=\S+, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
    );
    expect(header("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Number(header("content-length"))).toBe(new TextEncoder().encode(request.body).length);
  }
}, 60_000);
