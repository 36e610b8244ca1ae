/**
 * `awsmfa exec --server`: a credential endpoint on 127.0.0.1 speaking the container
 * credentials protocol (what ECS gives tasks), so that every SDK in the child polls it and
 * refreshes from it: a long `terraform apply` outlives any one role session.
 *
 * A random port and a random bearer token per run; a request without the token gets 403.
 * The token is only in the child's environment, which other users cannot read; as a second
 * line, on Linux a request from another user's program gets 403 even with the token (the
 * kernel's socket owner, system/loopback-peer.ts; root is let through, as it can read the
 * environment anyway). Where the owner cannot be checked the token alone decides.
 * Each request is answered from the cached session, renewed (role sessions from the MFA
 * session, no code needed) when little time is left; many requests at once share one
 * renewal, so a code, when one is needed, is asked once.
 */

import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { localExpiration } from "../../aws/clock-skew.ts";
import type { SessionCredentials } from "../../aws/credentials.ts";
import { UserError } from "../../errors.ts";
import type { Endpoint, PeerVerdict } from "../../system/loopback-peer.ts";

export interface CredentialServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** Whose program is asking (loopbackPeer bound to Deps); absent: no owner check. */
export type PeerCheck = (peer: Endpoint, local: Endpoint) => Promise<PeerVerdict>;

export async function startCredentialServer(
  session: () => Promise<SessionCredentials>,
  trace: (line: string) => void,
  peerCheck?: PeerCheck,
  onOtherUser?: (uid: number) => void,
): Promise<CredentialServer> {
  const token = randomBytes(32).toString("hex");
  let inflight: Promise<SessionCredentials> | undefined;
  const shared = () => {
    inflight ??= session().finally(() => {
      inflight = undefined;
    });
    return inflight;
  };
  const server = createServer((request, response) => {
    answer(request, response, token, shared, trace, peerCheck, onOtherUser).catch(() =>
      response.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  token: string,
  session: () => Promise<SessionCredentials>,
  trace: (line: string) => void,
  peerCheck?: PeerCheck,
  onOtherUser?: (uid: number) => void,
): Promise<void> {
  const peer =
    peerCheck && (await peerCheck(endpoint(request, "remote"), endpoint(request, "local")));
  if (peer?.kind === "other") {
    trace(`credential server: a request from another user's program (uid ${peer.uid}): 403`);
    onOtherUser?.(peer.uid);
    send(response, 403, {
      message: "Forbidden: this credential endpoint serves only the user who started awsmfa exec.",
    });
    return;
  }
  if (peer?.kind === "unknown") trace(`credential server: requester not checked: ${peer.why}`);
  if (!sameToken(request.headers.authorization, token)) {
    trace("credential server: a request without the right token: 403");
    send(response, 403, { message: "Forbidden: no or wrong authorization token." });
    return;
  }
  try {
    const s = await session();
    trace(`credential server: answered with a session until ${s.expiration.toISOString()}`);
    send(response, 200, {
      AccessKeyId: s.accessKeyId,
      SecretAccessKey: s.secretAccessKey,
      Token: s.sessionToken,
      Expiration: localExpiration(s)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
    });
  } catch (error) {
    // Messages never hold secrets (errors.ts); the SDK shows this to the person.
    const message = error instanceof UserError ? error.message : "awsmfa could not get a session.";
    trace(`credential server: no session: ${message}`);
    send(response, 500, { message });
  }
}

function endpoint(request: IncomingMessage, end: "remote" | "local"): Endpoint {
  const s = request.socket;
  return end === "remote"
    ? { address: s.remoteAddress ?? "", port: s.remotePort ?? 0 }
    : { address: s.localAddress ?? "", port: s.localPort ?? 0 };
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}
