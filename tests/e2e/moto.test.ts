/**
 * An independent check against moto, a third-party AWS emulator, when it is installed:
 * whoami with keys created in moto, and a login whose session moto accepts.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { evalInBash } from "../support/login-world.ts";
import { startMoto } from "../support/moto.ts";
import { runAwsmfa } from "../support/run-binary.ts";
import { makeSandbox, type Sandbox } from "../support/sandbox.ts";

let moto: Awaited<ReturnType<typeof startMoto>> = null;
let sandbox: Sandbox;
let key: { AccessKeyId?: string; SecretAccessKey?: string };
let serial: string;

beforeAll(async () => {
  moto = await startMoto();
  if (!moto) {
    console.log(
      "skipped: moto_server is not installed on this machine, so the moto checks do not run",
    );
    return;
  }
  const { IAMClient, CreateUserCommand, CreateAccessKeyCommand, CreateVirtualMFADeviceCommand } =
    await import("@aws-sdk/client-iam");
  const iam = new IAMClient({
    region: "us-east-1",
    endpoint: moto.url,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  await iam.send(new CreateUserCommand({ UserName: "moto-user" }));
  key = (await iam.send(new CreateAccessKeyCommand({ UserName: "moto-user" }))).AccessKey!;
  const device = await iam.send(
    new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "moto-user" }),
  );
  serial = device.VirtualMFADevice!.SerialNumber!;
  sandbox = makeSandbox({ endpoint: moto.url });
  sandbox.writeCredentials(
    `[moto-long-term]\naws_access_key_id = ${key.AccessKeyId}\naws_secret_access_key = ${key.SecretAccessKey}\n`,
  );
  sandbox.writeConfig(`[profile moto]\nmfa_serial = ${serial}\nregion = us-east-1\n`);
});

afterAll(async () => {
  await moto?.stop();
  sandbox?.cleanup();
});

describe("against moto", () => {
  test("whoami with keys created in moto", async () => {
    if (!moto) return;
    const r = await runAwsmfa(["whoami", "--profile", "moto-long-term", "--json"], {
      env: sandbox.env,
    });
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Arn).toContain("user/moto-user");
  });

  test("discovery with no mfa_serial: NoSuchEntity, then ListMFADevices with the user's name", async () => {
    if (!moto) return;
    const { IAMClient, CreateUserCommand, CreateAccessKeyCommand } = await import(
      "@aws-sdk/client-iam"
    );
    const { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand } = await import(
      "@aws-sdk/client-iam"
    );
    const iam = new IAMClient({
      region: "us-east-1",
      endpoint: moto.url,
      credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    });
    await iam.send(new CreateUserCommand({ UserName: "finder" }));
    const own = (await iam.send(new CreateAccessKeyCommand({ UserName: "finder" }))).AccessKey!;
    const device = await iam.send(
      new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "finder-phone" }),
    );
    const deviceSerial = device.VirtualMFADevice!.SerialNumber!;
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: "finder",
        SerialNumber: deviceSerial,
        AuthenticationCode1: "123456",
        AuthenticationCode2: "654321",
      }),
    );
    const box = makeSandbox({ endpoint: moto.url });
    try {
      box.writeCredentials(
        `[finder-long-term]\naws_access_key_id = ${own.AccessKeyId}\naws_secret_access_key = ${own.SecretAccessKey}\n`,
      );
      box.writeConfig("[profile finder]\nregion = us-east-1\n");
      const r = await runAwsmfa(["credential-process", "finder", "--otp", "123456"], {
        env: box.env,
      });
      expect(r.stderr).not.toContain("awsmfa:");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).SessionToken.length).toBeGreaterThan(20);
      expect(readFileSync(box.configPath, "utf8")).toContain(`mfa_serial = ${deviceSerial}`);
    } finally {
      box.cleanup();
    }
  });

  test("login: moto issues a session that moto then accepts", async () => {
    if (!moto) return;
    const r = await runAwsmfa(["login", "moto", "--otp", "123456"], { env: sandbox.env });
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    const env = await evalInBash(r.stdout, sandbox.env);
    expect(env.AWS_SESSION_TOKEN?.length).toBeGreaterThan(20);
    const who = await runAwsmfa(["whoami", "--json"], {
      env: {
        ...sandbox.env,
        AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID!,
        AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY!,
        AWS_SESSION_TOKEN: env.AWS_SESSION_TOKEN!,
      },
    });
    expect(who.code).toBe(0);
  });
});
