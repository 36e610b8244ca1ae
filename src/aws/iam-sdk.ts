/**
 * The part of @aws-sdk/client-iam that awsmfa calls, and the one module clients.ts loads for
 * IAM (as sts-sdk.ts for STS). Loading the package's index instead keeps all of its ~180
 * commands and their schemas alive (a dynamic import's namespace is used whole); named here,
 * the bundler leaves them out of the chunk that `keys` and device discovery load.
 */
export {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
} from "@aws-sdk/client-iam";
