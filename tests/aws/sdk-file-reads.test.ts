/**
 * The SDK never parses ~/.aws itself when awsmfa calls STS: every setting it would look up
 * there (FIPS, dual-stack, retry and defaults mode, auth-scheme preference, app id, clock
 * skew, configured endpoints) is given explicitly (src/aws/clients.ts). Left to itself it
 * parses both files about seven times per call: 3.2 s per call at 100,000 profiles.
 *
 * The probe: the SDK's own file intercept (externalDataInterceptor) answers its reads of the
 * two files with a thenable that counts how often the text is taken to be parsed. A plain
 * client, built without those settings, is the control that shows the probe sees the parses.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { externalDataInterceptor } from "@smithy/shared-ini-file-loader";
import { partitionOfRegion } from "../../src/aws/partition.ts";
import { getCallerIdentity, getSessionToken } from "../../src/aws/sts.ts";
import { type FakeAws, startFakeAws } from "../support/fake-aws.ts";

const CONFIG = "/nonexistent/awsmfa-probe/config";
const CREDENTIALS = "/nonexistent/awsmfa-probe/credentials";
const parses = { config: 0, credentials: 0 };
const saved = {
  config: process.env.AWS_CONFIG_FILE,
  credentials: process.env.AWS_SHARED_CREDENTIALS_FILE,
};
let aws: FakeAws;

/** A file the SDK "reads", counting each time its text is handed on (to be parsed). */
function counted(which: keyof typeof parses, text: string) {
  return {
    // biome-ignore lint/suspicious/noThenProperty: a thenable is the probe
    then(resolve: (text: string) => unknown, reject: (error: unknown) => unknown) {
      parses[which]++;
      return Promise.resolve(text).then(resolve, reject);
    },
  };
}

beforeAll(async () => {
  aws = await startFakeAws();
  process.env.AWS_CONFIG_FILE = CONFIG;
  process.env.AWS_SHARED_CREDENTIALS_FILE = CREDENTIALS;
  const record = externalDataInterceptor.getFileRecord() as Record<string, unknown>;
  record[CONFIG] = counted("config", "[default]\nretry_mode = standard\n");
  record[CREDENTIALS] = counted("credentials", "[default]\n");
});

afterAll(() => {
  aws.stop();
  const record = externalDataInterceptor.getFileRecord() as Record<string, unknown>;
  delete record[CONFIG];
  delete record[CREDENTIALS];
  for (const [name, value] of [
    ["AWS_CONFIG_FILE", saved.config],
    ["AWS_SHARED_CREDENTIALS_FILE", saved.credentials],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function target() {
  return {
    region: "us-east-1",
    partition: partitionOfRegion("us-east-1"),
    endpoint: aws.url,
    now: () => Date.now(),
  };
}

test("GetSessionToken and GetCallerIdentity: the SDK parses neither file", async () => {
  const user = aws.addUser();
  const keys = { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
  parses.config = parses.credentials = 0;
  const serial = user.devices[0]!.serial;
  const session = await getSessionToken(
    keys,
    { serialNumber: serial, tokenCode: aws.code(serial), durationSeconds: 3600 },
    target(),
  );
  expect(session.sessionToken).toBeTruthy();
  expect((await getCallerIdentity(session, target())).account).toBe(user.account);
  expect(parses).toEqual({ config: 0, credentials: 0 });
});

test("the control: a client without those settings parses the files (the probe works)", async () => {
  const user = aws.addUser();
  parses.config = parses.credentials = 0;
  const client = new STSClient({
    region: "us-east-1",
    endpoint: aws.url,
    credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
  });
  await client.send(new GetCallerIdentityCommand({}));
  client.destroy();
  expect(parses.config).toBeGreaterThan(0);
});
