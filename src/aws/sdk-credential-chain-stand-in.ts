/**
 * What stands in for @aws-sdk/credential-provider-node (the SDK's default credential chain:
 * environment, SSO, the shared files, credential_process, web identity, container and
 * instance metadata) wherever the SDK imports it, in the binary (tsconfig.build.json "paths",
 * as for sdk-transport-stand-in.ts).
 *
 * The STS and IAM clients import it as their `credentialDefaultProvider`, which the SDK calls
 * only for a client made without credentials (@aws-sdk/core resolveAwsSdkSigV4Config). awsmfa
 * gives every client its credentials (clients.ts clientConfig): the chain never runs, and
 * would read ~/.aws itself for the profile in AWS_PROFILE, not the one awsmfa logs in to.
 * Bundled, it was ~5 KB of the chunk a fresh login loads, and the binary carried the SSO,
 * web-identity and metadata clients the chain loads on demand. Called anyway, it fails the
 * call with the error below, loudly; a package that imported anything else from it would fail
 * the build ("No matching export"), not the user.
 */

export function defaultProvider(): never {
  throw new Error(
    "internal error: an AWS SDK client was made without credentials, which awsmfa always gives (src/aws/clients.ts)",
  );
}
