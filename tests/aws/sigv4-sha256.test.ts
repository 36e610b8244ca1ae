/**
 * clients.ts gives every STS and IAM client system/hashes.ts's Sha256 as its `sha256` (SigV4's
 * SHA-256 and HMAC without node:crypto on Bun). The requests it signs must be the SDK's, byte
 * for byte: the same request, at the same instant, with the same keys, signed with the SDK's
 * own Sha256Node and with ours, gives the same headers (Authorization included) and body.
 */
import { afterEach, beforeEach, expect, mock, setSystemTime, spyOn, test } from "bun:test";
import { IAMClient, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { Sha256Node } from "@smithy/core/checksum";
import { Sha256, useHasher } from "../../src/system/hashes.ts";

// The invocation id is a signed header, and random (crypto.randomUUID): fixed here.
beforeEach(() => {
  spyOn(crypto, "randomUUID").mockReturnValue("8f0e6c2a-5b1d-4e3f-9a7b-0c1d2e3f4a5b");
});

afterEach(() => {
  mock.restore();
  setSystemTime();
  useHasher(Bun.CryptoHasher);
});

interface Sent {
  headers: Record<string, string>;
  body: string;
}

class Captured extends Error {}

/** A request handler that keeps the signed request and answers nothing. */
function capture(into: Sent[]) {
  return {
    async handle(request: { headers: Record<string, string>; body?: unknown }) {
      into.push({ headers: { ...request.headers }, body: String(request.body ?? "") });
      throw new Captured("captured");
    },
  };
}

const KEYS = [
  {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  },
  {
    accessKeyId: "ASIAIOSFODNN7EXAMPLE",
    // Longer than SHA-256's block once "AWS4" is put before it: HMAC hashes such a key first.
    secretAccessKey: "s".repeat(90),
    sessionToken: `FwoGZXIvYXdzE${"x".repeat(300)}`,
  },
];

async function signed(
  sha256: unknown,
  make: "sts" | "iam",
  credentials: (typeof KEYS)[number],
): Promise<Sent> {
  const sent: Sent[] = [];
  const config = {
    region: make === "sts" ? "eu-central-1" : "us-east-1",
    credentials,
    maxAttempts: 1,
    requestHandler: capture(sent),
    ...(sha256 ? { sha256: sha256 as typeof Sha256 } : {}),
  };
  const call =
    make === "sts"
      ? new STSClient(config).send(
          new GetSessionTokenCommand({
            DurationSeconds: 43200,
            SerialNumber: "arn:aws:iam::123456789012:mfa/ünïcode-device",
            TokenCode: "123456",
          }),
        )
      : new IAMClient(config).send(new ListAccessKeysCommand({ UserName: "alice+test@example" }));
  await expect(call).rejects.toBeInstanceOf(Captured);
  return sent[0]!;
}

for (const path of ["Bun.CryptoHasher", "node:crypto"] as const) {
  test(`STS and IAM requests signed with ours are the SDK's, byte for byte (${path})`, async () => {
    useHasher(path === "node:crypto" ? undefined : Bun.CryptoHasher);
    for (const instant of ["2026-12-07T00:00:00Z", "2031-02-28T23:59:59Z"]) {
      setSystemTime(new Date(instant));
      for (const make of ["sts", "iam"] as const) {
        for (const credentials of KEYS) {
          const sdk = await signed(Sha256Node, make, credentials);
          const ours = await signed(Sha256, make, credentials);
          expect(sdk.headers.authorization).toStartWith("AWS4-HMAC-SHA256 Credential=");
          expect(sdk.headers["amz-sdk-invocation-id"]).toBe("8f0e6c2a-5b1d-4e3f-9a7b-0c1d2e3f4a5b");
          expect(ours).toEqual(sdk);
          // And the SDK's default, where the build puts ours (aws/sdk-checksum-stand-in.ts).
          expect(await signed(undefined, make, credentials)).toEqual(sdk);
        }
      }
    }
  });
}
