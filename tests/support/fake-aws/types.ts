/**
 * The shapes of the fake AWS world: users, roles, MFA devices, issued sessions and the record
 * of every call. Plain data, so tests can print it and the standalone server can send it as JSON.
 */

export type PartitionId = "aws" | "aws-cn" | "aws-us-gov";

export interface FakeDevice {
  /** Virtual MFA serial: arn:PARTITION:iam::ACCOUNT:mfa/NAME */
  serial: string;
  /** Base32 TOTP seed (RFC 6238, SHA-1, 6 digits, 30 s). */
  secret: string;
  /** When the device was enabled (ISO 8601), as ListMFADevices reports it. */
  enableDate: string;
}

export interface FakeUser {
  name: string;
  account: string;
  partition: PartitionId;
  /** arn:PARTITION:iam::ACCOUNT:user/NAME, or arn:PARTITION:iam::ACCOUNT:root */
  arn: string;
  /** AIDA... for IAM users; the account id for the root user, as AWS answers. */
  userId: string;
  accessKeyId: string;
  secretAccessKey: string;
  root: boolean;
  devices: FakeDevice[];
  /**
   * FIDO security keys (arn:PARTITION:iam::ACCOUNT:u2f/user/NAME/KEY-ID): listed by
   * ListMFADevices like any device, but they make no codes, so GetSessionToken cannot use them.
   */
  securityKeys: string[];
  listMfaDevicesDenied: boolean;
  /**
   * The user's access keys (at most two, as in IAM); the first is accessKeyId/secretAccessKey
   * above. CreateAccessKey adds, DeleteAccessKey removes; a deleted key signs nothing.
   */
  accessKeys: FakeAccessKey[];
}

export interface FakeAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  status: "Active" | "Inactive";
  /** ISO 8601, as ListAccessKeys reports it. */
  createDate: string;
  /** Server time (ms) from which STS accepts the key: IAM is eventually consistent. */
  usableAt: number;
}

export interface FakeRole {
  arn: string;
  name: string;
  account: string;
  partition: PartitionId;
  /** AROA...; assumed-role sessions answer AssumedRoleId = roleId:SESSION. */
  roleId: string;
  externalId?: string;
  requireMfa: boolean;
  /** Seconds; AssumeRole accepts DurationSeconds up to this. Default 3600. */
  maxSessionDuration: number;
}

export interface RecordedCall {
  service: "sts" | "iam";
  action: string;
  /** From the signature's credential scope, as sent (also for unknown keys). */
  accessKeyId: string | undefined;
  /** Every request parameter except Action. */
  params: Record<string, string>;
  /** HTTP status answered; 0 for a request left hanging by a "hang" fault. */
  status: number;
  errorCode?: string;
  /** Server clock (ms since epoch) when the request arrived. */
  at: number;
  /**
   * Milliseconds from the whole request received (headers and body read) until the answer
   * was handed to the socket: the server's share of the round trip (npm run bench).
   */
  serverMs?: number;
}

export type FaultKind = "throttle" | "hang" | "internal" | "signature-expired";

export interface Fault {
  /** Only requests with this Action; any AWS request when absent. */
  action?: string;
  kind: FaultKind;
  /** How many requests it hits; default 1, Infinity for "until clearFaults()". */
  times?: number;
}

export interface AddUserOptions {
  name: string;
  account: string;
  partition: PartitionId;
  root: boolean;
  /** How many virtual MFA devices to create (default 1). */
  devices: number;
  /** How many FIDO security keys to register (default 0); ListMFADevices lists them first. */
  securityKeys: number;
  listMfaDevicesDenied: boolean;
}

export interface AddRoleOptions {
  account: string;
  name: string;
  partition?: PartitionId;
  externalId?: string;
  requireMfa?: boolean;
  maxSessionDuration?: number;
}

/** Who a session or a long-term key speaks for. */
export type Identity =
  | { kind: "user"; user: FakeUser }
  | { kind: "role"; role: FakeRole; sessionName: string };

/** Temporary credentials this server issued, kept so later calls can present them. */
export interface IssuedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Server clock, ms since epoch. */
  expiresAt: number;
  identity: Identity;
  /** True when the session was created with a valid MFA code (directly or inherited). */
  mfa: boolean;
  partition: PartitionId;
}

/** The authenticated principal of one request. */
export interface Caller {
  identity: Identity;
  /** Present when the request was signed with session credentials. */
  session: IssuedSession | undefined;
  mfa: boolean;
  partition: PartitionId;
}

export interface FakeAwsOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Initial server clock offset (ms). */
  clockOffsetMs?: number;
}

/** What /_fake/state and the standalone server's first line describe. */
export interface FakeAwsState {
  url: string;
  clockOffsetMs: number;
  sessionLifetimeOverrideSeconds: number | null;
  users: FakeUser[];
  roles: FakeRole[];
  faults: Fault[];
}

/** One request to the fake console sign-in endpoint (/federation). */
export interface SigninCall {
  /** getSigninToken or login */
  action: string;
  status: number;
  /** Server clock (ms since epoch) when the request arrived. */
  at: number;
  /** The role session that asked (getSigninToken) or signed in (login). */
  identityArn?: string;
  destination?: string;
  issuer?: string | undefined;
}

/** A running fake AWS (STS + IAM) on 127.0.0.1. */
export interface FakeAws {
  /** http://127.0.0.1:PORT, for the SDK's `endpoint` or AWS_ENDPOINT_URL. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  addUser(options?: Partial<AddUserOptions>): FakeUser;
  addRole(options: AddRoleOptions): FakeRole;
  /** One more virtual MFA device for a user (mfa/NAME-2, ...). */
  addDevice(user: FakeUser): FakeDevice;
  /** The code a device shows now by the server clock (or at `atMs`, an absolute time). */
  code(serial: string, atMs?: number): string;
  /** Every AWS request so far, failed ones too, oldest first. */
  readonly calls: RecordedCall[];
  /** Every request to the console sign-in endpoint (/federation), oldest first. */
  readonly signins: SigninCall[];
  /** How many recorded calls had this Action. */
  count(action: string): number;
  clearCalls(): void;
  /** Server clock = real clock + this (ms). Mutable; signatures and TOTP follow it. */
  clockOffsetMs: number;
  /** The server clock now, ms since epoch. */
  now(): number;
  /** When set, every new session expires this many seconds after issue. */
  sessionLifetimeOverrideSeconds: number | undefined;
  /** How long (ms) STS refuses a key CreateAccessKey just made; 0 by default. */
  keyPropagationMs: number;
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Users, roles, clock and pending faults as plain JSON-able data. */
  state(): FakeAwsState;
}
