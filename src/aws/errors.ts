/**
 * Turns what the AWS SDK throws into errors a person can act on. Pure: the SDK error and what
 * we know about the call go in, a UserError comes out. Messages never contain secrets: key ids
 * are masked, codes and tokens are never echoed.
 */
import { AuthError, NetworkError, pasteable, UsageError, UserError } from "../errors.ts";
import {
  CERTIFICATE_CODES,
  CONNECTION_WORDS,
  failureCodes,
  isNotHttp,
  TLS_HANDSHAKE_WORDS,
  untrustedCertificate,
  untrustedWords,
} from "../system/fetch-failure.ts";
import { printableInLine } from "../system/printable.ts";
import {
  CLOCK_WARN_SECONDS,
  clockFix,
  describeOffset,
  offSeconds,
  offsetFromDate,
} from "./clock-skew.ts";
import { maskKeyId } from "./credentials.ts";
import { type Partition, partitionOfArn } from "./partition.ts";
import { proxyAdvice, proxyFailure } from "./proxy-errors.ts";

export interface CallContext {
  /** e.g. "GetSessionToken" */
  operation: string;
  /** The URL the call went to, for network errors. */
  endpoint: string;
  region: string;
  partition: Partition;
  /** The profile whose keys signed the call, for messages. */
  profile?: string | undefined;
  accessKeyId?: string | undefined;
  /** The MFA serial or role ARN involved. */
  arn?: string | undefined;
  /** Local clock, for the clock-skew message. */
  now: number;
  /** For the clock fix (clock-skew.ts clockFix); Linux's when unknown. */
  platform?: NodeJS.Platform | undefined;
  /** "HTTPS_PROXY is set (the proxy HOST:PORT)", when the call goes through one (proxySetting). */
  proxy?: string | undefined;
  /** The service called: its own endpoint variable is the one to check. STS when not given. */
  service?: "sts" | "iam" | undefined;
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/** Connection failures in words, and the SDK's own names for a call that ran out of time. */
const NETWORK_CODES: Record<string, string> = {
  ...CONNECTION_WORDS,
  TimeoutError: "it did not answer in time",
  RequestTimeout: "it did not answer in time",
  CallDeadline: "it did not finish answering in time (AWSMFA_AWS_TIMEOUT)",
};

const THROTTLING = new Set([
  "Throttling",
  "ThrottlingException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "RequestThrottled",
]);

export function mapAwsError(error: unknown, call: CallContext): UserError {
  if (error instanceof UserError) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const code = e.name ?? e.code ?? "";
  const message = e.message ?? String(error);
  const who = call.profile ? ` (profile "${printableInLine(call.profile)}")` : "";
  const key = call.accessKeyId ? maskKeyId(call.accessKeyId) : "the access key";

  const proxy = proxyFailure(error, call);
  if (proxy) return proxy;
  if (isUnreadableAnswer(e)) {
    return new NetworkError(
      `${call.operation} got an answer from ${call.endpoint} that is not an answer from AWS (it cannot be read as one).`,
      {
        hint: "A proxy, captive portal or wrong AWS_ENDPOINT_URL may be answering instead of AWS. Check your network and endpoint settings, then try again.",
        cause: error,
      },
    );
  }
  const network = networkReason(e);
  if (network) {
    // fetch says the same when the proxy, not the endpoint, refused or was silent.
    const proxy = call.proxy ? ` ${proxyAdvice(call.proxy)}` : "";
    // With HTTPS_PROXY honoured, an untrusted certificate is most often a proxy or security
    // software that inspects HTTPS with its own CA: the binary trusts AWS_CA_BUNDLE (instead
    // of the built-in CAs, as the AWS CLI does) and NODE_EXTRA_CA_CERTS (besides them).
    const ca = untrustedCertificate(e)
      ? " If a proxy or security software inspects HTTPS here, name its CA certificate (a PEM file) in AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS."
      : "";
    return new NetworkError(
      `Could not reach AWS STS/IAM at ${call.endpoint}: ${printableInLine(network)}.`,
      {
        hint: `Check your network connection, VPN or proxy. If you set AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_${call.service === "iam" ? "IAM" : "STS"}, check that it is right.${proxy}${ca}`,
        cause: error,
      },
    );
  }
  if (THROTTLING.has(code)) {
    return new NetworkError(`AWS is throttling ${call.operation} calls right now.`, {
      hint: "Wait a minute and try again.",
      cause: error,
    });
  }
  const offsetMs = answerOffset(e, call.now);
  if (/invalid MFA one time pass code/i.test(message)) {
    // A code computed on this computer (ykman, a password manager) is computed with its clock.
    const clock =
      offsetMs !== undefined && offSeconds(offsetMs) >= CLOCK_WARN_SECONDS
        ? ` This computer's clock is ${describeOffset(offsetMs)}: codes computed on this computer are then wrong. ${clockFix(call.platform ?? "linux")}.`
        : "";
    return new AuthError("AWS rejected the MFA code: it is wrong, or it was already used.", {
      hint: `Wait for the next code from your device (codes change every 30 seconds) and try again.${clock}`,
      cause: error,
    });
  }
  if (/unable to validate MFA code|MFA serial number is valid/i.test(message)) {
    const device = call.arn ? `The MFA device ${printableInLine(call.arn)}` : "The MFA device";
    return new AuthError(
      `${device} is not associated with the user whose keys signed the call${who}.`,
      {
        hint: "Check mfa_serial for this profile (`awsmfa list` shows it), or remove it and let awsmfa look the device up.",
        cause: error,
      },
    );
  }
  if (/Cannot call GetSessionToken with session credentials/i.test(message)) {
    return new UserError(
      `The keys used${who} are session keys from an earlier login, not your IAM user's long-term keys.`,
      {
        code: "config",
        hint: "Keep long-term keys in their own profile (e.g. [PROFILE-long-term]); `awsmfa configure PROFILE` sets that up.",
        cause: error,
      },
    );
  }
  if (code === "ExpiredToken" || code === "ExpiredTokenException") {
    return new AuthError(`The session token${who} has expired.`, {
      hint: `Log in again: awsmfa login${call.profile ? ` ${pasteable(call.profile)}` : ""}`,
      cause: error,
    });
  }
  if (isClockRejection(code, message)) {
    const off = offsetMs === undefined ? "wrong" : describeOffset(offsetMs);
    const times =
      offsetMs === undefined
        ? ""
        : `Local time: ${new Date(call.now).toISOString()}, AWS time: ${new Date(Math.round((call.now + offsetMs) / 1000) * 1000).toISOString()}. `;
    return new AuthError(`AWS rejected the request because this computer's clock is ${off}.`, {
      hint: `${times}AWS refuses requests signed more than 5 minutes off its clock. Fix the clock, then try again: ${clockFix(call.platform ?? "linux")}`,
      cause: error,
    });
  }
  if (code === "InvalidClientTokenId" || code === "UnrecognizedClientException") {
    return new AuthError(`AWS does not recognise the access key ${key}${who}.`, {
      hint: invalidKeyHint(call),
      cause: error,
    });
  }
  if (code === "SignatureDoesNotMatch") {
    return new AuthError(`AWS rejected the secret access key that goes with ${key}${who}.`, {
      hint: "The secret is wrong or was mistyped. Enter the keys again with `awsmfa configure`.",
      cause: error,
    });
  }
  if (code === "ValidationError") {
    return new UsageError(
      `AWS rejected the ${call.operation} request: ${printableInLine(message)}`,
      {
        cause: error,
      },
    );
  }
  if (code === "AccessDenied" || code === "AccessDeniedException") {
    return new AuthError(`AWS denied ${call.operation}${who}: ${printableInLine(message)}`, {
      hint: "The user or role lacks permission for this call; ask your AWS administrator.",
      cause: error,
    });
  }
  const status = e.$metadata?.httpStatusCode;
  const serverSide = status !== undefined && status >= 500;
  // An answer without an AWS error body (a proxy's page, an empty 500): the SDK says "Unknown".
  const said =
    code === "Unknown" || code === ""
      ? `AWS answered HTTP ${status ?? "?"} without saying why`
      : `${printableInLine(code)}: ${printableInLine(message)}`;
  return new UserError(`${call.operation} failed${who}: ${said}`, {
    code: serverSide ? "network" : "auth",
    hint: serverSide
      ? `This is a problem on the side of ${call.endpoint}, not with your keys or code. Try again in a minute.`
      : "If this goes on, run again with AWSMFA_DEBUG=1 and report what it prints.",
    cause: error,
  });
}

/** Thrown by sts.ts/iam.ts when a 200 answer lacks what every real answer has. */
export class UnreadableAnswerError extends Error {
  constructor(what: string) {
    super(what);
    this.name = "UnreadableAnswer";
  }
}

/** The SDK could not parse the body, or it parsed but lacked the fields AWS always sends. */
function isUnreadableAnswer(e: SdkErrorShape): boolean {
  // An answer past the cap (capped-answer.ts) is no answer from AWS either.
  if (e.name === "UnreadableAnswer" || e.name === "AnswerTooLarge") return true;
  // Headers past fetch's limit (node:http said "Parse Error: Header overflow"), or bytes that
  // are not HTTP at all: another service on the port, a broken status line, header or chunk.
  if (isNotHttp(e)) return true;
  // STS and IAM never redirect; the handler does not follow a redirect (a captive portal's).
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 300 && status < 400) return true;
  return /Deserialization error|inspect the hidden field/i.test(e.message ?? "");
}

function networkReason(e: SdkErrorShape): string | undefined {
  for (const candidate of failureCodes(e)) {
    if (candidate && NETWORK_CODES[candidate]) return NETWORK_CODES[candidate];
    if (candidate && CERTIFICATE_CODES.has(candidate)) return untrustedWords(candidate);
  }
  // A TLS handshake that failed: fetch says EPROTO, Node's TLS an OpenSSL "SSL routines" error.
  if (e.code === "EPROTO" || /SSL routines|TLS handshake/i.test(e.message ?? "")) {
    return TLS_HANDSHAKE_WORDS;
  }
  if (/socket hang up|timed out|ECONNREFUSED|Unable to connect/i.test(e.message ?? "")) {
    return e.message;
  }
  return undefined;
}

function invalidKeyHint(call: CallContext): string {
  const arnPartition = call.arn ? partitionOfArn(call.arn) : undefined;
  if (arnPartition && arnPartition.id !== call.partition.id) {
    return `Wrong partition? The call went to ${printableInLine(call.region)} (${call.partition.id}) but ${printableInLine(call.arn ?? "")} is in ${arnPartition.id}. Set the profile's region to one in ${arnPartition.id}, e.g. ${arnPartition.defaultRegion}.`;
  }
  return `The key may have been deleted or deactivated, or it belongs to another partition (this call went to ${printableInLine(call.region)}, ${call.partition.id}; AWS China keys need a cn- region, GovCloud keys a us-gov- region). Check it with your administrator, or enter new keys with \`awsmfa configure\`.`;
}

/** AWS's clock minus ours, from the Date of the error answer, when it has one. */
function answerOffset(e: SdkErrorShape, now: number): number | undefined {
  const headers = e.$response?.headers;
  return offsetFromDate(headers?.date ?? headers?.Date, now, now);
}

/**
 * An answer that refuses the request for its time: STS says SignatureDoesNotMatch "Signature
 * expired" / "not yet current", other services RequestTimeTooSkewed or InvalidSignatureException,
 * and some InvalidClientTokenId with the same words. Not the date alone: the SDK corrects its
 * clock and retries, so a later refusal of a skewed computer may well be about the key.
 */
function isClockRejection(code: string, message: string): boolean {
  if (/^(RequestTimeTooSkewed|RequestExpired)$/.test(code)) return true;
  const authCode = /^(SignatureDoesNotMatch|InvalidClientTokenId|InvalidSignatureException)$/;
  return (
    authCode.test(code) && /Signature expired|Signature not yet current|too skewed/i.test(message)
  );
}
