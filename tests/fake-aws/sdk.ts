/**
 * Test helpers: real AWS SDK v3 clients pointed at a fake, one attempt each so errors surface
 * as AWS sent them, plus small tools for the TOTP clock.
 */
import { expect } from "bun:test";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import type { FakeAws, FakeUser } from "../support/fake-aws.ts";
import { IAM_SIGNING_REGION } from "../support/fake-aws.ts";

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

interface ClientOptions {
  region?: string;
  maxAttempts?: number;
}

export function keysOf(user: FakeUser): Keys {
  return { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
}

/** Keys from an STS answer's Credentials. */
export function sessionKeys(credentials: {
  AccessKeyId?: string | undefined;
  SecretAccessKey?: string | undefined;
  SessionToken?: string | undefined;
}): Keys {
  return {
    accessKeyId: credentials.AccessKeyId!,
    secretAccessKey: credentials.SecretAccessKey!,
    sessionToken: credentials.SessionToken!,
  };
}

function config(aws: FakeAws, keys: Keys, region: string, maxAttempts: number) {
  return { region, endpoint: aws.url, credentials: keys, maxAttempts };
}

export function sts(aws: FakeAws, keys: Keys, options: ClientOptions = {}): STSClient {
  return new STSClient(config(aws, keys, options.region ?? "us-east-1", options.maxAttempts ?? 1));
}

export function iam(aws: FakeAws, keys: Keys, options: ClientOptions = {}): IAMClient {
  return new IAMClient(config(aws, keys, options.region ?? "us-east-1", options.maxAttempts ?? 1));
}

/** An STS client for a user, signing in the user's own partition. */
export function stsAs(aws: FakeAws, user: FakeUser): STSClient {
  return sts(aws, keysOf(user), { region: IAM_SIGNING_REGION[user.partition] });
}

export function iamAs(aws: FakeAws, user: FakeUser): IAMClient {
  return iam(aws, keysOf(user), { region: IAM_SIGNING_REGION[user.partition] });
}

interface SdkError {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
}

/** Awaits a call that must fail, and checks what the SDK surfaces. */
export async function expectAwsError(
  call: Promise<unknown>,
  name: string,
  message?: string | RegExp,
  status?: number,
): Promise<SdkError> {
  const error = (await call.then(
    () => {
      throw new Error(`expected ${name}, but the call succeeded`);
    },
    (e: unknown) => e,
  )) as SdkError;
  expect(error.name).toBe(name);
  if (typeof message === "string") expect(error.message).toBe(message);
  if (message instanceof RegExp) expect(error.message).toMatch(message);
  if (status !== undefined) expect(error.$metadata?.httpStatusCode).toBe(status);
  return error;
}

/**
 * Moves the server clock to the middle of a 30 s TOTP step, so a test has ~15 s before codes
 * roll over. Shifts by at most 15 s, well inside the 5 min signature window.
 */
export function centreInStep(aws: FakeAws): void {
  aws.clockOffsetMs += 15_000 - (aws.now() % 30_000);
}

/** Moves the server clock one TOTP step on, so a fresh code exists without waiting. */
export function nextStep(aws: FakeAws): void {
  aws.clockOffsetMs += 30_000;
}
