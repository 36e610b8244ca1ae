/**
 * Errors the fake answers, with AWS's codes, HTTP statuses and message texts (copied from real
 * answers, including AWS's odd double space and trailing spaces, because code under test may
 * match on them).
 */

export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** AWS's <Type>: Sender for the caller's mistakes, Receiver for its own. */
  get type(): "Sender" | "Receiver" {
    return this.status >= 500 ? "Receiver" : "Sender";
  }
}

export const invalidClientTokenId = () =>
  new AwsError(
    403,
    "InvalidClientTokenId",
    "The security token included in the request is invalid.",
  );

export const signatureDoesNotMatch = (
  message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
) => new AwsError(403, "SignatureDoesNotMatch", message);

export const incompleteSignature = (message: string) =>
  new AwsError(403, "IncompleteSignature", message);

export const missingAuthenticationToken = () =>
  new AwsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");

export const expiredToken = () =>
  new AwsError(403, "ExpiredToken", "The security token included in the request is expired");

export const accessDenied = (message: string) => new AwsError(403, "AccessDenied", message);

export const invalidMfaCode = () =>
  accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code. ");

export const unknownMfaSerial = () =>
  accessDenied(
    "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.",
  );

export const notAuthorized = (callerArn: string, action: string, resource: string) =>
  accessDenied(
    `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`,
  );

export const validationError = (message: string) => new AwsError(400, "ValidationError", message);

export const invalidAction = (action: string, version: string) =>
  new AwsError(400, "InvalidAction", `Could not find operation ${action} for version ${version}`);

export const noSuchEntity = (message: string) => new AwsError(404, "NoSuchEntity", message);

export const throttling = () => new AwsError(400, "Throttling", "Rate exceeded");

export const internalFailure = () =>
  new AwsError(
    500,
    "InternalFailure",
    "The request processing has failed because of an unknown error, exception or failure.",
  );
