/**
 * The one-time local address that hands the sign-in URL to the browser: http://127.0.0.1:PORT/
 * NONCE answers one GET with a redirect to the secret URL, then nothing more.
 *
 * Any local user can connect to 127.0.0.1, and on Linux the address is on the opener's and the
 * browser's argv, which every user can read in /proc/PID/cmdline. So on Linux the redirect is
 * given only to a program of our own user (system/loopback-peer.ts: the kernel's socket owner):
 * anyone else gets 403 and a page saying why, is reported at once, and the link keeps waiting
 * for the real browser. Elsewhere the address never reaches an argv (handoff-page.ts), and the
 * 192-bit nonce cannot be guessed.
 *
 * `redeemed` resolves only when the redirect has been written to our own user's browser:
 * nothing else may count as "opened".
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Deps } from "../../deps.ts";
import { loopbackPeer, type PeerVerdict } from "../../system/loopback-peer.ts";

export interface OneTimeLink {
  /** http://127.0.0.1:PORT/NONCE */
  url: string;
  /** Resolves when our own user's browser got the redirect. */
  redeemed: Promise<void>;
  /** How many requests for the link were refused (another user's, or unverifiable). */
  refusals(): number;
  close(): void;
}

export async function startOneTimeLink(
  secretUrl: string,
  deps: Pick<Deps, "fs" | "platform" | "uid">,
  onRefused: (verdict: Exclude<PeerVerdict, { kind: "ours" }>) => void,
): Promise<OneTimeLink> {
  const nonce = randomBytes(24).toString("base64url");
  let refused = 0;
  let spent = false;
  let redeem: () => void = () => {};
  const redeemed = new Promise<void>((resolve) => {
    redeem = resolve;
  });
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    if (spent || req.url !== `/${nonce}` || req.method !== "GET") {
      res.writeHead(404).end();
      return;
    }
    if (deps.platform === "linux") {
      const verdict = await loopbackPeer(deps, peerOf(req), localOf(req));
      if (verdict.kind !== "ours") {
        refused++;
        onRefused(verdict);
        refuse(res);
        return;
      }
    }
    // The check above awaited: another request of ours may have taken the link meanwhile.
    if (spent) {
      res.writeHead(404).end();
      return;
    }
    spent = true;
    res.writeHead(302, {
      Location: secretUrl,
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    });
    res.end(() => redeem());
  };
  const server = createServer((req, res) => {
    answer(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${nonce}`,
    redeemed,
    refusals: () => refused,
    close() {
      server.closeAllConnections?.();
      server.close();
    },
  };
}

function peerOf(req: IncomingMessage) {
  return { address: req.socket.remoteAddress ?? "", port: req.socket.remotePort ?? 0 };
}

function localOf(req: IncomingMessage) {
  return { address: req.socket.localAddress ?? "", port: req.socket.localPort ?? 0 };
}

const REFUSED_PAGE = [
  "<!doctype html><meta charset=utf-8><title>Not yours</title>",
  "<p>This AWS console sign-in link belongs to another user of this computer.",
  "It was not given out, and its owner has been told.</p>",
].join("\n");

function refuse(res: ServerResponse): void {
  res
    .writeHead(403, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Length": Buffer.byteLength(REFUSED_PAGE),
    })
    .end(REFUSED_PAGE);
}
