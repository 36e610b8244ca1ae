/**
 * IAM ListMFADevices through the real SDK: own and other users' devices, the policy denial,
 * role sessions, root, partitions and IAM's signing regions.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ListMFADevicesCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { expectAwsError, iam, iamAs, keysOf, sessionKeys, sts } from "./sdk.ts";

let aws: FakeAws;
let alice: FakeUser;
let bob: FakeUser;
let dana: FakeUser;
let root: FakeUser;
let chen: FakeUser;
let grace: FakeUser;

beforeAll(async () => {
  aws = await startFakeAws();
  alice = aws.addUser({ name: "alice" });
  const account = alice.account;
  bob = aws.addUser({ name: "bob", account, devices: 2 });
  dana = aws.addUser({ name: "dana", account, listMfaDevicesDenied: true });
  root = aws.addUser({ name: "root", account, root: true });
  chen = aws.addUser({ name: "chen", partition: "aws-cn" });
  grace = aws.addUser({ name: "grace", partition: "aws-us-gov" });
  aws.addRole({ account, name: "ops" });
});
afterAll(() => aws.stop());

const serials = (out: { MFADevices?: { SerialNumber?: string }[] }) =>
  out.MFADevices?.map((d) => d.SerialNumber);

describe("listing", () => {
  test("without UserName: the caller's own devices, with AWS's members", async () => {
    const out = await iamAs(aws, bob).send(new ListMFADevicesCommand({}));
    expect(out.IsTruncated).toBe(false);
    expect(out.MFADevices).toEqual([
      {
        UserName: "bob",
        SerialNumber: `arn:aws:iam::${bob.account}:mfa/bob`,
        EnableDate: new Date(bob.devices[0]!.enableDate),
      },
      {
        UserName: "bob",
        SerialNumber: `arn:aws:iam::${bob.account}:mfa/bob-2`,
        EnableDate: new Date(bob.devices[1]!.enableDate),
      },
    ]);
  });

  test("FIDO security keys are listed too (first), with their u2f ARNs", async () => {
    const erin = aws.addUser({ name: "erin", account: alice.account, securityKeys: 1 });
    expect(erin.securityKeys[0]).toMatch(
      new RegExp(`^arn:aws:iam::${alice.account}:u2f/user/erin/key-1-[A-Z]{26}$`),
    );
    const out = await iamAs(aws, erin).send(new ListMFADevicesCommand({}));
    expect(serials(out)).toEqual([erin.securityKeys[0], erin.devices[0]!.serial]);
  });

  test("with UserName: that user's devices", async () => {
    const out = await iamAs(aws, alice).send(new ListMFADevicesCommand({ UserName: "bob" }));
    expect(serials(out)).toEqual(bob.devices.map((d) => d.serial));
  });

  test("an unknown UserName is NoSuchEntity (the SDK names it NoSuchEntityException)", async () => {
    await expectAwsError(
      iamAs(aws, alice).send(new ListMFADevicesCommand({ UserName: "nobody" })),
      "NoSuchEntityException",
      "The user with name nobody cannot be found.",
      404,
    );
  });

  test("the root user lists its own device", async () => {
    const out = await iamAs(aws, root).send(new ListMFADevicesCommand({}));
    expect(serials(out)).toEqual([`arn:aws:iam::${root.account}:mfa/root-account-mfa-device`]);
  });

  test("aws-cn and aws-us-gov users, signed for their partition's IAM region", async () => {
    expect(serials(await iamAs(aws, chen).send(new ListMFADevicesCommand({})))).toEqual([
      `arn:aws-cn:iam::${chen.account}:mfa/chen`,
    ]);
    expect(serials(await iamAs(aws, grace).send(new ListMFADevicesCommand({})))).toEqual([
      `arn:aws-us-gov:iam::${grace.account}:mfa/grace`,
    ]);
  });
});

describe("refusals", () => {
  test("a user without the permission gets AWS's policy denial", async () => {
    await expectAwsError(
      iamAs(aws, dana).send(new ListMFADevicesCommand({})),
      "AccessDenied",
      `User: ${dana.arn} is not authorized to perform: iam:ListMFADevices on resource: user dana because no identity-based policy allows the iam:ListMFADevices action`,
      403,
    );
  });

  test("a role session must name the user", async () => {
    const role = await sts(aws, keysOf(alice)).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${alice.account}:role/ops`,
        RoleSessionName: "ops",
      }),
    );
    const client = iam(aws, sessionKeys(role.Credentials!));
    await expectAwsError(
      client.send(new ListMFADevicesCommand({})),
      "ValidationError",
      "Must specify userName when calling with non-User credentials",
      400,
    );
    expect(serials(await client.send(new ListMFADevicesCommand({ UserName: "alice" })))).toEqual([
      alice.devices[0]!.serial,
    ]);
  });

  const regions: [string, () => FakeUser, string][] = [
    ["aws, eu-west-1", () => alice, "eu-west-1"],
    ["aws-us-gov, us-gov-east-1", () => grace, "us-gov-east-1"],
    ["aws-cn, cn-northwest-1", () => chen, "cn-northwest-1"],
  ];
  for (const [title, who, region] of regions) {
    test(`IAM signed for a regional scope (${title}) is refused`, async () => {
      await expectAwsError(
        iam(aws, keysOf(who()), { region }).send(new ListMFADevicesCommand({})),
        "SignatureDoesNotMatch",
        `Credential should be scoped to a valid region, not '${region}'. `,
        403,
      );
    });
  }

  test("an aws key signed for the aws-cn IAM region is unknown", async () => {
    await expectAwsError(
      iam(aws, keysOf(alice), { region: "cn-north-1" }).send(new ListMFADevicesCommand({})),
      "InvalidClientTokenId",
      "The security token included in the request is invalid.",
    );
  });
});
