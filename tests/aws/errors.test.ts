/** Every AWS failure a user can hit maps to one clear message, hint and exit code. */
import { describe, expect, test } from "bun:test";
import { mapAwsError } from "../../src/aws/errors.ts";
import { partitionById } from "../../src/aws/partition.ts";
import { ExitCode, exitCodeFor } from "../../src/errors.ts";

const call = {
  operation: "GetSessionToken",
  endpoint: "https://sts.us-east-1.amazonaws.com",
  region: "us-east-1",
  partition: partitionById("aws"),
  profile: "prod-long-term",
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  arn: "arn:aws:iam::123456789012:mfa/alice",
  now: Date.parse("2026-11-20T12:00:00Z"),
};

function sdkError(name: string, message: string, extra: object = {}) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 403 }, ...extra });
}

describe("mapAwsError", () => {
  const cases: Array<[string, unknown, RegExp, RegExp | undefined, number]> = [
    [
      "wrong or reused code",
      sdkError(
        "AccessDenied",
        "MultiFactorAuthentication failed with invalid MFA one time pass code.",
      ),
      /rejected the MFA code/,
      /Wait for the next code/,
      ExitCode.auth,
    ],
    [
      "serial not associated",
      sdkError(
        "AccessDenied",
        "MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.",
      ),
      /arn:aws:iam::123456789012:mfa\/alice is not associated/,
      /mfa_serial/,
      ExitCode.auth,
    ],
    [
      "invalid key id",
      sdkError("InvalidClientTokenId", "The security token included in the request is invalid."),
      /does not recognise the access key AKIA\*\*\*\*MPLE/,
      /deleted or deactivated/,
      ExitCode.auth,
    ],
    [
      "expired token",
      sdkError("ExpiredToken", "The security token included in the request is expired"),
      /has expired/,
      /awsmfa login \uE000prod-long-term\uE001/,
      ExitCode.auth,
    ],
    [
      "session keys as long-term keys",
      sdkError("AccessDenied", "Cannot call GetSessionToken with session credentials"),
      /session keys from an earlier login/,
      /long-term/,
      ExitCode.config,
    ],
    [
      "wrong secret",
      sdkError("SignatureDoesNotMatch", "The request signature we calculated does not match..."),
      /secret access key/,
      /awsmfa configure/,
      ExitCode.auth,
    ],
    [
      "clock skew",
      sdkError(
        "SignatureDoesNotMatch",
        "Signature expired: 20261120T110000Z is now earlier than 20261120T115500Z (20261120T120000Z - 5 min.)",
        { $response: { headers: { date: "Fri, 20 Nov 2026 13:00:00 GMT" } } },
      ),
      /this computer's clock is 1h00m behind AWS/,
      /Local time: 2026-11-20T12:00:00.000Z, AWS time: 2026-11-20T13:00:01.000Z.*sudo timedatectl set-ntp true/,
      ExitCode.auth,
    ],
    [
      "clock skew as other services say it (RequestTimeTooSkewed)",
      sdkError(
        "RequestTimeTooSkewed",
        "The difference between the request time and the current time is too large.",
        {
          $response: { headers: { date: "Fri, 20 Nov 2026 00:00:00 GMT" } },
        },
      ),
      /this computer's clock is 12h00m ahead of AWS/,
      /set-ntp true/,
      ExitCode.auth,
    ],
    [
      'clock skew as InvalidClientTokenId "Signature expired"',
      sdkError(
        "InvalidClientTokenId",
        "Signature expired: 20261120T120000Z is now earlier than ...",
        {
          $response: { headers: { date: "Sat, 21 Nov 2026 12:00:00 GMT" } },
        },
      ),
      /this computer's clock is 24h00m behind AWS/,
      /refuses requests signed more than 5 minutes off/,
      ExitCode.auth,
    ],
    [
      "a refused code on a computer whose clock is off: the clock is named",
      sdkError(
        "AccessDenied",
        "MultiFactorAuthentication failed with invalid MFA one time pass code.",
        {
          $response: { headers: { date: "Fri, 20 Nov 2026 12:02:00 GMT" } },
        },
      ),
      /rejected the MFA code/,
      /clock is 2m behind AWS: codes computed on this computer are then wrong/,
      ExitCode.auth,
    ],
    [
      "throttling",
      sdkError("Throttling", "Rate exceeded"),
      /throttling/,
      /Wait a minute/,
      ExitCode.network,
    ],
    [
      "connection refused",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
      /Could not reach .*sts\.us-east-1\.amazonaws\.com: the connection was refused/,
      /network/,
      ExitCode.network,
    ],
    [
      "a certificate not trusted (fetch's and Node's code)",
      Object.assign(new TypeError("self signed certificate"), {
        code: "DEPTH_ZERO_SELF_SIGNED_CERT",
      }),
      /: its TLS certificate is not one this computer trusts \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
      /proxy/,
      ExitCode.network,
    ],
    [
      "a TLS handshake that failed (Node's TLS: an OpenSSL message, no code)",
      new Error("error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER"),
      /: the TLS handshake failed/,
      /network/,
      ExitCode.network,
    ],
    [
      "timeout",
      Object.assign(new Error("Request timed out"), { name: "TimeoutError" }),
      /did not answer in time/,
      /network/,
      ExitCode.network,
    ],
    [
      "an AWS error awsmfa does not know, on AWS's side",
      sdkError("InternalFailure", "The request processing has failed.", {
        $metadata: { httpStatusCode: 500 },
      }),
      /GetSessionToken failed \(profile "prod-long-term"\): InternalFailure: The request processing/,
      /problem on the side of https:\/\/sts\.us-east-1\.amazonaws\.com.*Try again in a minute/,
      ExitCode.network,
    ],
    [
      "an answer that is no AWS error at all (empty 502)",
      sdkError("Unknown", "Unknown", { $metadata: { httpStatusCode: 502 } }),
      /GetSessionToken failed \(profile "prod-long-term"\): AWS answered HTTP 502 without saying why/,
      /Try again in a minute/,
      ExitCode.network,
    ],
    [
      "an AWS refusal awsmfa does not know",
      sdkError("OptInRequired", "The AWS Access Key Id needs a subscription for the service"),
      /GetSessionToken failed \(profile "prod-long-term"\): OptInRequired: The AWS Access Key/,
      /AWSMFA_DEBUG=1/,
      ExitCode.auth,
    ],
    [
      "validation",
      sdkError("ValidationError", "1 validation error detected"),
      /rejected the GetSessionToken request/,
      undefined,
      ExitCode.usage,
    ],
  ];

  test.each(cases)("%s", (_name, error, message, hint, code) => {
    const mapped = mapAwsError(error, call);
    expect(mapped.message).toMatch(message);
    if (hint) expect(mapped.hint ?? "").toMatch(hint);
    expect(exitCodeFor(mapped)).toBe(code);
    expect(`${mapped.message} ${mapped.hint}`).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  test("invalid keys with a device of another partition ask 'wrong partition?'", () => {
    const mapped = mapAwsError(sdkError("InvalidClientTokenId", "invalid"), {
      ...call,
      arn: "arn:aws-cn:iam::123456789012:mfa/li",
    });
    expect(mapped.hint).toMatch(
      /Wrong partition\? The call went to us-east-1 \(aws\) but .* is in aws-cn/,
    );
    expect(mapped.hint).toContain("cn-north-1");
  });
});

describe("mapAwsError: the proxy's refusals are the proxy's (proxy-errors.ts)", () => {
  test("a CONNECT refused with 407 (fetch's ERR_PROXY_TUNNEL) is a network error naming HTTPS_PROXY", () => {
    const tunnel = Object.assign(
      new Error("Proxy refused to open a tunnel: 407 Proxy Authentication Required"),
      { code: "ERR_PROXY_TUNNEL", status: 407, statusText: "Proxy Authentication Required" },
    );
    const mapped = mapAwsError(tunnel, call);
    expect(mapped.message).toBe(
      "Could not reach AWS STS/IAM at https://sts.us-east-1.amazonaws.com: the proxy refused the connection (HTTP 407 Proxy Authentication Required).",
    );
    expect(mapped.hint).toContain("HTTPS_PROXY wants a user name and password");
    expect(exitCodeFor(mapped)).toBe(ExitCode.network);
  });

  test("an http call's 407 (the proxy's own answer) names HTTP_PROXY; another 4xx stays AWS's", () => {
    const http = { ...call, endpoint: "http://127.0.0.1:4566" };
    const mapped = mapAwsError(
      sdkError("Unknown", "Unknown", { $metadata: { httpStatusCode: 407 } }),
      http,
    );
    expect(mapped.message).toContain("the proxy refused the connection (HTTP 407)");
    expect(mapped.hint).toContain("HTTP_PROXY");
    expect(exitCodeFor(mapped)).toBe(ExitCode.network);
    const other = mapAwsError(
      sdkError("Unknown", "Unknown", { $metadata: { httpStatusCode: 403 } }),
      http,
    );
    expect(other.message).toContain("AWS answered HTTP 403");
  });

  test("a socks5:// proxy (fetch's UnsupportedProxyProtocol) is a configuration error", () => {
    const unsupported = Object.assign(new TypeError('UnsupportedProxyProtocol fetching "x"'), {
      code: "UnsupportedProxyProtocol",
    });
    const mapped = mapAwsError(unsupported, call);
    expect(mapped.message).toContain("HTTPS_PROXY");
    expect(mapped.hint).toContain("http:// or https://");
    expect(exitCodeFor(mapped)).toBe(ExitCode.config);
  });
});

describe("mapAwsError: an untrusted certificate names NODE_EXTRA_CA_CERTS", () => {
  test.each([
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "ERR_TLS_CERT_ALTNAME_INVALID",
  ])("%s: exit 5, and the hint says how to trust an inspecting proxy's CA", (code) => {
    const mapped = mapAwsError(Object.assign(new TypeError("tls"), { code }), call);
    expect(mapped.message).toContain(
      `its TLS certificate is not one this computer trusts (${code})`,
    );
    expect(mapped.hint).toContain("NODE_EXTRA_CA_CERTS");
    expect(exitCodeFor(mapped)).toBe(ExitCode.network);
  });

  test("a refused connection does not mention it", () => {
    const refused = Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
    expect(mapAwsError(refused, call).hint).not.toContain("NODE_EXTRA_CA_CERTS");
  });
});

describe("mapAwsError: answers no AWS endpoint gives are 'not an answer from AWS' (exit 5)", () => {
  test.each([
    [
      "a redirect (fetch does not follow it)",
      sdkError("Unknown", "Unknown", { $metadata: { httpStatusCode: 301 } }),
    ],
    [
      "a 307 from a captive portal",
      sdkError("Unknown", "Unknown", { $metadata: { httpStatusCode: 307 } }),
    ],
    [
      "headers past fetch's limit",
      Object.assign(new TypeError('ResponseHeadersTooLarge fetching "x"'), {
        code: "ResponseHeadersTooLarge",
      }),
    ],
  ])("%s", (_name, error) => {
    const mapped = mapAwsError(error, call);
    expect(mapped.message).toContain("that is not an answer from AWS");
    expect(exitCodeFor(mapped)).toBe(ExitCode.network);
  });
});

// A network failure of an IAM call (ListMFADevices, the key rotation's calls) named
// AWS_ENDPOINT_URL_STS as the setting to check: the one that points IAM elsewhere is _IAM.
describe("the endpoint variable a network hint names", () => {
  const refused = () =>
    Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
  test("an IAM call: AWS_ENDPOINT_URL_IAM", () => {
    const hint = mapAwsError(refused(), {
      ...call,
      operation: "ListMFADevices",
      service: "iam",
    }).hint;
    expect(hint).toContain("If you set AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_IAM, check");
    expect(hint).not.toContain("AWS_ENDPOINT_URL_STS");
  });
  test("an STS call, or a caller that does not say: AWS_ENDPOINT_URL_STS", () => {
    for (const service of ["sts", undefined] as const) {
      const hint = mapAwsError(refused(), { ...call, service }).hint;
      expect(hint).toContain("If you set AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_STS, check");
    }
  });
});
