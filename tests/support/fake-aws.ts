/**
 * A local, strict stand-in for AWS STS and IAM, for every test of awsmfa that talks to "AWS".
 *
 *   const aws = await startFakeAws();
 *   const alice = aws.addUser({ name: "alice" });
 *   // point the SDK or the binary at aws.url (AWS_ENDPOINT_URL), sign with alice's keys,
 *   // send aws.code(alice.devices[0].serial) as the MFA code ...
 *   await aws.stop();
 *
 * It also answers the console sign-in endpoint at /federation (getSigninToken, login; see
 * fake-aws/signin.ts): point AWS_ENDPOINT_URL_SIGNIN (or AWS_ENDPOINT_URL) at aws.url.
 *
 * Standalone (for shell/tmux tests and the demo):
 *   bun tests/support/fake-aws.ts --port 0
 * prints one line of JSON {url, users, roles} and serves until killed; /_fake/* is its control
 * API (see fake-aws/control-api.ts).
 */
import { populateDemo } from "./fake-aws/demo.ts";
import { startFakeAws } from "./fake-aws/server.ts";

export type { DemoWorld } from "./fake-aws/demo.ts";
export { populateDemo, worldSummary } from "./fake-aws/demo.ts";
export { IAM_SIGNING_REGION, partitionOfRegion } from "./fake-aws/regions.ts";
export { startFakeAws } from "./fake-aws/server.ts";
export type {
  AddRoleOptions,
  AddUserOptions,
  FakeAws,
  FakeAwsOptions,
  FakeAwsState,
  FakeDevice,
  FakeRole,
  FakeUser,
  Fault,
  FaultKind,
  PartitionId,
  RecordedCall,
  SigninCall,
} from "./fake-aws/types.ts";

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const port = Number(flag(args, "--port") ?? "0");
  const clockOffsetMs = Number(flag(args, "--clock-offset-ms") ?? "0");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`fake-aws: bad --port ${flag(args, "--port")}`);
    process.exit(2);
  }
  const fake = await startFakeAws({ port, clockOffsetMs });
  process.stdout.write(`${JSON.stringify(populateDemo(fake))}\n`);
  // Serves until killed; exiting drops every connection, so no graceful stop is needed.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => process.exit(0));
}
