/**
 * awsmfa's calls to AWS go through the proxy in HTTP_PROXY / HTTPS_PROXY, except for hosts in
 * NO_PROXY, as the AWS CLI's and boto3's do (aws/fetch-handler.ts; README, Environment). The
 * proxy here is a small forwarding one on 127.0.0.1 in front of the fake AWS.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Server } from "bun";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();
let proxy: Server<undefined>;
const proxied: string[] = [];

beforeAll(() => {
  proxy = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    // A proxy gets the absolute URL; it forwards the request as it came.
    async fetch(req) {
      proxied.push(`${req.method} ${req.url}`);
      const answer = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: await req.arrayBuffer(),
      });
      return new Response(await answer.arrayBuffer(), {
        status: answer.status,
        headers: answer.headers,
      });
    },
  });
});
afterAll(() => proxy.stop(true));

test("a login goes through HTTP_PROXY, and straight to AWS for a host in NO_PROXY", async () => {
  const u = world.user();
  const proxyUrl = `http://127.0.0.1:${proxy.port}`;
  const env = { ...u.sandbox.env, HTTP_PROXY: proxyUrl };
  proxied.length = 0;
  const through = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"], { env });
  expect(through.stderr).toContain("New session for prod");
  expect(through.code).toBe(0);
  expect(proxied).toEqual([`POST ${world.aws.url}/`]);
  expect(world.aws.calls.at(-1)?.action).toBe("GetSessionToken");

  const v = world.user();
  proxied.length = 0;
  const calls = world.aws.calls.length;
  const direct = await v.run(["login", v.profile, "--otp", v.code(), "--format", "sh"], {
    env: { ...v.sandbox.env, HTTP_PROXY: proxyUrl, NO_PROXY: "127.0.0.1" },
  });
  expect(direct.code).toBe(0);
  expect(proxied).toEqual([]);
  expect(world.aws.calls.length).toBe(calls + 1);
});

test("a proxy that refuses connections is a network error with exit 5", async () => {
  const u = world.user();
  const dead = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = dead.port;
  dead.stop(true);
  const r = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
    env: { ...u.sandbox.env, HTTP_PROXY: `http://127.0.0.1:${port}` },
  });
  expect(r.code).toBe(5);
  expect(r.stderr).toContain("Could not reach AWS STS/IAM");
  expect(r.stderr).not.toContain("This is a bug");
});
