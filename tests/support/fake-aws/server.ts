/**
 * The fake AWS server: one port on 127.0.0.1 answering STS and IAM in the Query protocol.
 * Each request is recorded, may suffer an injected fault, is authenticated (SigV4), dispatched
 * on its Action and answered with AWS's XML and a Date header from the server clock.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { actionSpec } from "./actions/index.ts";
import { authenticate } from "./authenticate.ts";
import { accessKeyIdOf, requestTime, skewError } from "./authorization-header.ts";
import { AwsError, internalFailure, invalidAction, throttling } from "./aws-error.ts";
import { handleControl } from "./control-api.ts";
import { FaultQueue } from "./faults.ts";
import { headerValue, queryParams, readRequest } from "./http-request.ts";
import { requestId } from "./random-ids.ts";
import { FakeSignin } from "./signin.ts";
import type { ReceivedRequest } from "./sigv4.ts";
import { codeAt } from "./totp.ts";
import type {
  AddRoleOptions,
  AddUserOptions,
  FakeAws,
  FakeAwsOptions,
  FakeAwsState,
  FakeDevice,
  FakeRole,
  FakeUser,
  Fault,
  RecordedCall,
} from "./types.ts";
import { FakeWorld } from "./world.ts";
import { errorXml, type Service, successXml } from "./xml.ts";

/** How far ahead the server pretends its clock is for the "signature-expired" fault. */
const PRETEND_SKEW_MS = 15 * 60 * 1000;

class FakeAwsServer implements FakeAws {
  readonly world = new FakeWorld();
  readonly calls: RecordedCall[] = [];
  private readonly signin = new FakeSignin(this.world);
  clockOffsetMs: number;
  sessionLifetimeOverrideSeconds: number | undefined = undefined;
  private readonly faults = new FaultQueue();
  private readonly server = createServer((req, res) => {
    // The network's share of a round trip, for npm run bench: answered before anything else.
    if (req.url === "/_fake/ping") return void res.writeHead(204).end();
    this.handle(req, res).catch((error: unknown) => {
      console.error("fake AWS: request failed:", error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  url = "";
  port = 0;

  constructor(options: FakeAwsOptions) {
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.port = (this.server.address() as AddressInfo).port;
        this.url = `http://127.0.0.1:${this.port}`;
        resolve();
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // Also ends keep-alive connections and requests left hanging by a "hang" fault.
      this.server.closeAllConnections();
    });
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  get keyPropagationMs(): number {
    return this.world.keyPropagationMs;
  }

  set keyPropagationMs(ms: number) {
    this.world.keyPropagationMs = ms;
  }

  addUser(options: Partial<AddUserOptions> = {}): FakeUser {
    return this.world.addUser(options, this.now());
  }

  addRole(options: AddRoleOptions): FakeRole {
    return this.world.addRole(options);
  }

  addDevice(user: FakeUser): FakeDevice {
    return this.world.addDevice(user, this.now());
  }

  code(serial: string, atMs?: number): string {
    const found = this.world.deviceBySerial(serial);
    if (!found) throw new Error(`no MFA device ${serial}`);
    return codeAt(found.device.secret, atMs ?? this.now());
  }

  get signins() {
    return this.signin.calls;
  }

  count(action: string): number {
    return this.calls.filter((c) => c.action === action).length;
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  inject(fault: Fault): void {
    this.faults.inject(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  state(): FakeAwsState {
    return {
      url: this.url,
      clockOffsetMs: this.clockOffsetMs,
      sessionLifetimeOverrideSeconds: this.sessionLifetimeOverrideSeconds ?? null,
      users: this.world.users,
      roles: this.world.roles,
      faults: this.faults.pending(),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readRequest(req);
    // The server's share starts with the whole request in: a client slow to send its body
    // is the client's time, not the server's.
    const received = performance.now();
    if (request.rawPath.startsWith("/_fake/")) {
      const answer = handleControl(
        this,
        request.method,
        request.rawPath,
        new URLSearchParams(request.rawQuery),
        new TextDecoder().decode(request.body),
      );
      const json = JSON.stringify(answer.body);
      res.writeHead(answer.status, {
        "Content-Type": "application/json",
        Date: new Date(this.now()).toUTCString(),
      });
      res.end(json);
      return;
    }
    if (request.rawPath === "/federation") {
      const answer = this.signin.answer(queryParams(request), this.now());
      res.writeHead(answer.status, answer.headers).end(answer.body);
      return;
    }
    this.answerAws(request, res, received);
  }

  private answerAws(request: ReceivedRequest, res: ServerResponse, received: number): void {
    const arrivedAt = this.now();
    const { Action: action, ...params } = queryParams(request);
    const spec = actionSpec(action);
    const authorization = headerValue(request, "authorization");
    const service: Service =
      spec?.service ?? (/\/iam\/aws4_request/.test(authorization ?? "") ? "iam" : "sts");
    const call: RecordedCall = {
      service,
      action: action ?? "",
      accessKeyId: accessKeyIdOf(authorization),
      params,
      status: 0,
      at: arrivedAt,
    };
    this.calls.push(call);
    const fault = this.faults.take(action);
    if (fault === "hang") return; // accepted, never answered; stop() drops the connection

    const id = requestId();
    let dateMs = arrivedAt;
    let status = 200;
    let xml: string;
    try {
      if (fault === "throttle") throw throttling();
      if (fault === "internal") throw internalFailure();
      if (fault === "signature-expired") {
        const time = requestTime(headerValue(request, "x-amz-date"), headerValue(request, "date"));
        const sent = time instanceof AwsError ? arrivedAt : time.ms;
        dateMs = sent + PRETEND_SKEW_MS;
        throw skewError(sent, dateMs)!;
      }
      const caller = authenticate(this.world, request, service, arrivedAt);
      if (!spec || (params.Version !== undefined && params.Version !== spec.version)) {
        throw invalidAction(action ?? "", params.Version ?? "");
      }
      const result = spec.run({
        world: this.world,
        caller,
        params,
        now: arrivedAt,
        sessionLifetimeOverrideSeconds: this.sessionLifetimeOverrideSeconds,
      });
      xml = successXml(service, action!, result, id);
    } catch (error) {
      if (!(error instanceof AwsError)) console.error("fake AWS: handler bug:", error);
      const awsError = error instanceof AwsError ? error : internalFailure();
      status = awsError.status;
      call.errorCode = awsError.code;
      xml = errorXml(service, awsError, id);
    }
    call.status = status;
    res.writeHead(status, {
      "Content-Type": "text/xml",
      "Content-Length": Buffer.byteLength(xml),
      "x-amzn-RequestId": id,
      Date: new Date(dateMs).toUTCString(),
    });
    res.end(xml, () => {
      call.serverMs = performance.now() - received;
    });
  }
}

export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const fake = new FakeAwsServer(options);
  await fake.listen(options.port ?? 0);
  return fake;
}
