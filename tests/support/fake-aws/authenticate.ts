/**
 * Who signed this request, checked the way AWS checks it, in AWS's order: header shape, scope,
 * clock skew, key (only within the signing region's partition), session token, expiry, and
 * finally the signature itself.
 */
import { parseAuthorization, requestTime, skewError } from "./authorization-header.ts";
import {
  AwsError,
  expiredToken,
  invalidClientTokenId,
  missingAuthenticationToken,
  signatureDoesNotMatch,
} from "./aws-error.ts";
import { isIamSigningRegion, isRegionName, partitionOfRegion } from "./regions.ts";
import {
  type CredentialScope,
  canonicalHeaderValue,
  expectedSignature,
  type ReceivedRequest,
  signaturesEqual,
} from "./sigv4.ts";
import type { Caller } from "./types.ts";
import type { FakeWorld } from "./world.ts";
import type { Service } from "./xml.ts";

export function authenticate(
  world: FakeWorld,
  request: ReceivedRequest,
  service: Service,
  serverNow: number,
): Caller {
  const header = (name: string) =>
    request.headers.some(([n]) => n.toLowerCase() === name)
      ? canonicalHeaderValue(request.headers, name)
      : undefined;

  const authorization = header("authorization");
  if (authorization === undefined) throw missingAuthenticationToken();
  const auth = parseAuthorization(authorization);
  if (auth instanceof AwsError) throw auth;
  const time = requestTime(header("x-amz-date"), header("date"));
  if (time instanceof AwsError) throw time;
  checkScope(auth.scope, service, time.amzDate);
  const skew = skewError(time.ms, serverNow);
  if (skew) throw skew;

  const partition = partitionOfRegion(auth.scope.region);
  const token = header("x-amz-security-token");
  const found = world.accessKey(auth.accessKeyId);
  // A key CreateAccessKey made a moment ago is not known everywhere yet (eventual consistency).
  const user =
    found && serverNow >= found.key.usableAt && found.key.status === "Active"
      ? found.user
      : undefined;
  const session = found ? undefined : world.sessionByAccessKey(auth.accessKeyId);
  let caller: Caller;
  let secret: string;
  if (user && user.partition === partition && token === undefined) {
    caller = { identity: { kind: "user", user }, session: undefined, mfa: false, partition };
    secret = found!.key.secretAccessKey;
  } else if (session && session.partition === partition && token === session.sessionToken) {
    if (serverNow >= session.expiresAt) throw expiredToken();
    // GetSessionToken credentials reach IAM only when MFA was used to get them.
    if (service === "iam" && session.identity.kind === "user" && !session.mfa) {
      throw invalidClientTokenId();
    }
    caller = { identity: session.identity, session, mfa: session.mfa, partition };
    secret = session.secretAccessKey;
  } else {
    // Unknown key, a key of another partition, a token on a long-term key, or a session key
    // without its token: AWS says the same thing for all of them.
    throw invalidClientTokenId();
  }

  const expected = expectedSignature(request, auth.signedHeaders, time.amzDate, auth.scope, secret);
  if (!signaturesEqual(expected, auth.signature)) throw signatureDoesNotMatch();
  return caller;
}

function checkScope(scope: CredentialScope, service: Service, amzDate: string): void {
  if (scope.terminator !== "aws4_request") {
    throw signatureDoesNotMatch(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope.terminator}'. `,
    );
  }
  if (scope.service !== service) {
    throw signatureDoesNotMatch(`Credential should be scoped to correct service: '${service}'. `);
  }
  const validRegion =
    service === "iam" ? isIamSigningRegion(scope.region) : isRegionName(scope.region);
  if (!validRegion) {
    throw signatureDoesNotMatch(
      `Credential should be scoped to a valid region, not '${scope.region}'. `,
    );
  }
  if (scope.date !== amzDate.slice(0, 8)) {
    throw signatureDoesNotMatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
}
