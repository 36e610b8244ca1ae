/**
 * An https endpoint whose certificate this computer does not trust (a proxy or security
 * software inspecting HTTPS) is the network's doing: exit 5 with the way out
 * (NODE_EXTRA_CA_CERTS, aws/errors.ts), not "GetCallerIdentity failed" with exit 4.
 * The endpoint is a TLS front on 127.0.0.1, with a self-signed certificate made by openssl
 * here, in front of the fake AWS.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "bun";
import { forward } from "../support/forward.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();
const folder = mkdtempSync(join(tmpdir(), "awsmfa-tls-"));
const certFile = join(folder, "cert.pem");
let front: Server<undefined>;

beforeAll(() => {
  const made = Bun.spawnSync(
    [
      "openssl",
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      join(folder, "key.pem"),
      "-out",
      certFile,
    ],
    { stdout: "ignore", stderr: "pipe" },
  );
  if (made.exitCode !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  front = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls: {
      cert: readFileSync(certFile, "utf8"),
      key: readFileSync(join(folder, "key.pem"), "utf8"),
    },
    // Forwards each request to the fake AWS as it came.
    async fetch(req) {
      return forward(req, `${world.aws.url}${new URL(req.url).pathname}`);
    },
  });
});
afterAll(() => {
  front?.stop(true);
  rmSync(folder, { recursive: true, force: true });
});

test("an untrusted certificate is exit 5 naming NODE_EXTRA_CA_CERTS, which then works", async () => {
  const u = world.user();
  const env = { ...u.sandbox.env, AWS_ENDPOINT_URL: `https://127.0.0.1:${front.port}` };
  const refused = await u.run(["whoami", "--profile", `${u.profile}-long-term`], { env });
  expect(refused.stderr).toContain(
    `Could not reach AWS STS/IAM at https://127.0.0.1:${front.port}: its TLS certificate is not one this computer trusts (DEPTH_ZERO_SELF_SIGNED_CERT).`,
  );
  expect(refused.stderr).toContain("NODE_EXTRA_CA_CERTS");
  expect(refused.code).toBe(5);

  const trusted = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
    env: { ...env, NODE_EXTRA_CA_CERTS: certFile },
  });
  expect(trusted.stdout).toContain(u.user.arn);
  expect(trusted.code).toBe(0);
});
