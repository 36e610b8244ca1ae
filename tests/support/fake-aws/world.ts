/**
 * Everything the fake AWS knows: users with their keys and MFA devices, roles, the sessions it
 * issued, and the last TOTP step accepted per device (so a code works only once).
 */
import * as ids from "./random-ids.ts";
import { acceptedStep } from "./totp.ts";
import type {
  AddRoleOptions,
  AddUserOptions,
  FakeAccessKey,
  FakeDevice,
  FakeRole,
  FakeUser,
  Identity,
  IssuedSession,
  PartitionId,
} from "./types.ts";

const NAME_SHAPE = /^[\w+=,.@-]{1,64}$/;

export class FakeWorld {
  readonly users: FakeUser[] = [];
  readonly roles: FakeRole[] = [];
  private readonly sessions = new Map<string, IssuedSession>();
  private readonly lastStep = new Map<string, number>();
  /** How long a key made by CreateAccessKey stays unknown to STS (tests of the wait). */
  keyPropagationMs = 0;

  addUser(options: Partial<AddUserOptions>, nowMs: number): FakeUser {
    const partition = options.partition ?? "aws";
    const account = options.account ?? ids.account();
    const root = options.root ?? false;
    const name = options.name ?? (root ? "root" : `user-${ids.nameSuffix()}`);
    if (!/^\d{12}$/.test(account)) throw new Error(`account must be 12 digits: ${account}`);
    if (!NAME_SHAPE.test(name)) throw new Error(`not an IAM user name: ${name}`);
    const sameAccount = this.users.filter((u) => u.account === account);
    if (sameAccount.some((u) => u.partition !== partition)) {
      throw new Error(`account ${account} already exists in another partition`);
    }
    if (sameAccount.some((u) => u.name === name)) throw new Error(`user ${name} exists`);
    if (root && sameAccount.some((u) => u.root)) throw new Error(`${account} has a root user`);
    const user: FakeUser = {
      name,
      account,
      partition,
      arn: root
        ? `arn:${partition}:iam::${account}:root`
        : `arn:${partition}:iam::${account}:user/${name}`,
      userId: root ? account : ids.principalId("AIDA"),
      accessKeyId: ids.accessKeyId("AKIA"),
      secretAccessKey: ids.secretAccessKey(),
      root,
      devices: [],
      securityKeys: [],
      listMfaDevicesDenied: options.listMfaDevicesDenied ?? false,
      accessKeys: [],
    };
    user.accessKeys.push({
      accessKeyId: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
      status: "Active",
      createDate: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      usableAt: 0,
    });
    this.users.push(user);
    for (let i = 0; i < (options.devices ?? 1); i++) this.addDevice(user, nowMs);
    for (let i = 1; i <= (options.securityKeys ?? 0); i++) {
      user.securityKeys.push(
        `arn:${partition}:iam::${account}:u2f/${root ? "root" : `user/${name}`}/key-${i}-${ids.securityKeySuffix()}`,
      );
    }
    return user;
  }

  /** Another virtual device: mfa/NAME, then mfa/NAME-2, ... (root: root-account-mfa-device). */
  addDevice(user: FakeUser, nowMs: number): FakeDevice {
    const base = user.root ? "root-account-mfa-device" : user.name;
    const n = user.devices.length + 1;
    const device: FakeDevice = {
      serial: `arn:${user.partition}:iam::${user.account}:mfa/${n === 1 ? base : `${base}-${n}`}`,
      secret: ids.totpSeed(),
      enableDate: new Date(Math.floor(nowMs / 1000) * 1000).toISOString().replace(".000", ""),
    };
    user.devices.push(device);
    return device;
  }

  addRole(options: AddRoleOptions): FakeRole {
    const partition = options.partition ?? "aws";
    const maxSessionDuration = options.maxSessionDuration ?? 3600;
    if (!/^\d{12}$/.test(options.account)) throw new Error(`bad account: ${options.account}`);
    if (!NAME_SHAPE.test(options.name)) throw new Error(`not an IAM role name: ${options.name}`);
    if (maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw new Error("maxSessionDuration must be 3600..43200 (IAM's limits)");
    }
    const arn = `arn:${partition}:iam::${options.account}:role/${options.name}`;
    if (this.roleByArn(arn)) throw new Error(`role exists: ${arn}`);
    const role: FakeRole = {
      arn,
      name: options.name,
      account: options.account,
      partition,
      roleId: ids.principalId("AROA"),
      ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
      requireMfa: options.requireMfa ?? false,
      maxSessionDuration,
    };
    this.roles.push(role);
    return role;
  }

  userByAccessKey(accessKeyId: string): FakeUser | undefined {
    return this.accessKey(accessKeyId)?.user;
  }

  /** The user and key for an access key id that still exists. */
  accessKey(accessKeyId: string): { user: FakeUser; key: FakeAccessKey } | undefined {
    for (const user of this.users) {
      const key = user.accessKeys.find((k) => k.accessKeyId === accessKeyId);
      if (key) return { user, key };
    }
    return undefined;
  }

  /** CreateAccessKey: a new active key, usable by STS after keyPropagationMs. */
  createAccessKey(user: FakeUser, nowMs: number): FakeAccessKey {
    const key: FakeAccessKey = {
      accessKeyId: ids.accessKeyId("AKIA"),
      secretAccessKey: ids.secretAccessKey(),
      status: "Active",
      createDate: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      usableAt: nowMs + this.keyPropagationMs,
    };
    user.accessKeys.push(key);
    return key;
  }

  userByName(partition: PartitionId, account: string, name: string): FakeUser | undefined {
    return this.users.find(
      (u) => u.partition === partition && u.account === account && u.name === name,
    );
  }

  roleByArn(arn: string): FakeRole | undefined {
    return this.roles.find((r) => r.arn === arn);
  }

  sessionByAccessKey(accessKeyId: string): IssuedSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  deviceBySerial(serial: string): { user: FakeUser; device: FakeDevice } | undefined {
    for (const user of this.users) {
      const device = user.devices.find((d) => d.serial === serial);
      if (device) return { user, device };
    }
    return undefined;
  }

  /** Checks a one-time code and, when it is accepted, burns its step for the device. */
  acceptCode(device: FakeDevice, code: string, nowMs: number): boolean {
    const step = acceptedStep(device.secret, code, nowMs, this.lastStep.get(device.serial));
    if (step === undefined) return false;
    this.lastStep.set(device.serial, step);
    return true;
  }

  issueSession(
    identity: Identity,
    mfa: boolean,
    partition: PartitionId,
    expiresAt: number,
  ): IssuedSession {
    const session: IssuedSession = {
      accessKeyId: ids.accessKeyId("ASIA"),
      secretAccessKey: ids.secretAccessKey(),
      sessionToken: ids.sessionToken(),
      expiresAt,
      identity,
      mfa,
      partition,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }
}
