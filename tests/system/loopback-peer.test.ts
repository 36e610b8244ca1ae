/**
 * loopbackPeer: whose program is at the other end of a 127.0.0.1 connection, from the
 * kernel's socket table. The parser against hand-made tables; the real thing against real
 * connections of this user and, as root, of `nobody` (setpriv).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loopbackPeer, ownerIn, type PeerVerdict } from "../../src/system/loopback-peer.ts";
import { asNobody, canDropPrivileges, checkChildCwd } from "../support/other-user.ts";
import { testDeps } from "../support/test-deps.ts";

const HEAD =
  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
const peer = { address: "127.0.0.1", port: 0xa1b2 };
const local = { address: "127.0.0.1", port: 0x1f90 };
const row = (from: string, to: string, st: string, uid: number) =>
  `   0: ${from} ${to} ${st} 00000000:00000000 00:00000000 00000000 ${uid}        0 12345 1 0000000000000000 20 4 30 10 -1`;

describe("ownerIn (a /proc/net/tcp table)", () => {
  test("the client's row: local = the peer, remote = us; our own row is not it", () => {
    const table = [
      HEAD,
      row("0100007F:1F90", "0100007F:A1B2", "01", 0), // our accepted socket
      row("0100007F:A1B2", "0100007F:1F90", "01", 1000), // the client's
    ].join("\n");
    expect(ownerIn(table, peer, local, true)).toBe(1000);
  });

  test("a big-endian host prints the address the other way round", () => {
    const table = [HEAD, row("7F000001:A1B2", "7F000001:1F90", "01", 1000)].join("\n");
    expect(ownerIn(table, peer, local, false)).toBe(1000);
    expect(ownerIn(table, peer, local, true)).toBeUndefined();
  });

  test("a dual-stack client in tcp6 (::ffff:127.0.0.1), whatever form the server sees", () => {
    const v6 = "0000000000000000FFFF00000100007F";
    const table = [HEAD, row(`${v6}:A1B2`, `${v6}:1F90`, "01", 1001)].join("\n");
    expect(ownerIn(table, peer, local, true)).toBe(1001);
    expect(
      ownerIn(
        table,
        { ...peer, address: "::ffff:127.0.0.1" },
        { ...local, address: "::ffff:127.0.0.1" },
        true,
      ),
    ).toBe(1001);
  });

  test("a closed socket (TIME_WAIT shows uid 0) does not pass for root's; other ports do not match", () => {
    const table = [
      HEAD,
      row("0100007F:A1B2", "0100007F:1F90", "06", 0),
      row("0100007F:A1B3", "0100007F:1F90", "01", 1000),
      row("0100007F:A1B2", "0100007F:1F91", "01", 1000),
      "garbage",
      "",
    ].join("\n");
    expect(ownerIn(table, peer, local, true)).toBeUndefined();
  });
});

describe("loopbackPeer (the kernel's table)", () => {
  let server: Server;
  let verdicts: PeerVerdict[] = [];
  const uid = process.getuid?.();
  beforeAll(async () => {
    const { deps } = testDeps({ ...(uid !== undefined && { uid }) });
    server = createServer(async (req, res) => {
      const s = req.socket;
      verdicts.push(
        await loopbackPeer(
          deps,
          { address: s.remoteAddress!, port: s.remotePort! },
          { address: s.localAddress!, port: s.localPort! },
        ),
      );
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  test.skipIf(process.platform !== "linux")("a connection of this process is ours", async () => {
    verdicts = [];
    await fetch(url()).then((r) => r.text());
    expect(verdicts).toEqual([{ kind: "ours", uid: uid! }]);
  });

  const canAskAsNobody =
    process.platform === "linux" && uid === 0 && canDropPrivileges && Bun.which("curl");
  if (!canAskAsNobody)
    console.log("SKIPPED: another user's connection needs Linux, root, setpriv, curl");
  test.skipIf(!canAskAsNobody)(
    "a connection of another user (nobody) is another user's",
    async () => {
      verdicts = [];
      const command = [...asNobody(), "curl", "-s", url()];
      checkChildCwd(command, "/");
      const child = Bun.spawn(command, { cwd: "/", stdout: "pipe" });
      expect(await new Response(child.stdout).text()).toBe("ok");
      expect(verdicts).toEqual([{ kind: "other", uid: 65534 }]);
    },
  );

  test("not Linux, or our uid unknown: unknown (callers refuse)", async () => {
    const e = { address: "127.0.0.1", port: 1 };
    const mac = testDeps({ platform: "darwin", uid: 501 }).deps;
    expect((await loopbackPeer(mac, e, e)).kind).toBe("unknown");
    const noUid = testDeps({ platform: "linux" }).deps;
    expect(await loopbackPeer(noUid, e, e)).toEqual({
      kind: "unknown",
      why: "our own uid is not known",
    });
    const noProc = testDeps({
      platform: "linux",
      uid: 1000,
      fs: {
        ...testDeps().deps.fs,
        readFile: async () => {
          throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
        },
      } as never,
    }).deps;
    expect(await loopbackPeer(noProc, e, e)).toEqual({
      kind: "unknown",
      why: "/proc/net/tcp is unreadable",
    });
  });
});
