/** startMoto() gives a working moto: IAM users and keys made through the SDK can sign STS. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { type Moto, motoCommand, startMoto } from "./moto.ts";

const available = motoCommand() !== null;
if (!available) console.log("skipping moto tests: moto is not installed");

let moto: Moto | null = null;

beforeAll(async () => {
  if (available) moto = await startMoto();
}, 30_000);
afterAll(async () => {
  await moto?.stop();
});

test.skipIf(!available)("a user and key created in moto sign GetCallerIdentity", async () => {
  const admin = { accessKeyId: "testing", secretAccessKey: "testing" };
  const common = { region: "us-east-1", endpoint: moto!.url, maxAttempts: 1 };
  const iam = new IAMClient({ ...common, credentials: admin });
  const name = `awsmfa-${Date.now()}`;
  const user = await iam.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  const sts = new STSClient({
    ...common,
    credentials: {
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    },
  });
  const who = await sts.send(new GetCallerIdentityCommand({}));
  expect(who.Arn).toBe(user.User!.Arn!);
  expect(who.Arn).toEndWith(`:user/${name}`);
});
