/**
 * The part of @aws-sdk/client-sts that awsmfa calls, and the one module clients.ts loads for
 * STS. Loading the package's index instead keeps every export alive (a dynamic import's
 * namespace is used whole): the aggregated client, its eleven commands, the role assumers of
 * the SDK's credential providers. Named here, the bundler leaves the others out of the chunk a
 * fresh login loads (~15 KB less, ~0.3 ms; docs/performance.md, ninth round).
 */
export {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from "@aws-sdk/client-sts";
