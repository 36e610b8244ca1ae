/**
 * Who is at the other end of a connection to one of our 127.0.0.1 listeners (Linux).
 *
 * Any local user can connect to 127.0.0.1, and a secret URL can leak through another program's
 * argv (/proc/PID/cmdline is world-readable). The kernel knows which user opened the client
 * socket: /proc/net/tcp (and tcp6, for dual-stack clients) lists every socket of this network
 * namespace with its owner's uid. The client's socket is the row whose local address is the
 * connection's remote end and whose remote address is our end. A browser runs as its user, so
 * "same uid" is the control: the link and the credential endpoint serve only their user.
 *
 * Only ESTABLISHED rows count: a socket that is already closed (TIME_WAIT) is shown with uid 0
 * and would pass for root's.
 */
import { endianness } from "node:os";
import type { Deps } from "../deps.ts";

export interface Endpoint {
  address: string;
  port: number;
}

export type PeerVerdict =
  /** The client's socket belongs to us (or to root, who can read our memory anyway). */
  | { kind: "ours"; uid: number }
  /** Another user's program. */
  | { kind: "other"; uid: number }
  /** It could not be checked (not Linux, /proc unreadable, no such socket): treat as not ours. */
  | { kind: "unknown"; why: string };

const TABLES = ["/proc/net/tcp", "/proc/net/tcp6"] as const;
const ESTABLISHED = "01";

/**
 * Whose program opened the connection from `peer` to `local` (both as the server's socket
 * sees them). Asked while the client waits for its answer, so its socket is still open.
 */
export async function loopbackPeer(
  deps: Pick<Deps, "fs" | "platform" | "uid">,
  peer: Endpoint,
  local: Endpoint,
): Promise<PeerVerdict> {
  if (deps.platform !== "linux") return { kind: "unknown", why: `not Linux (${deps.platform})` };
  if (deps.uid === undefined) return { kind: "unknown", why: "our own uid is not known" };
  let readable = false;
  for (const table of TABLES) {
    let text: string;
    try {
      text = String(await deps.fs.readFile(table, "utf8"));
      readable = true;
    } catch {
      continue;
    }
    const uid = ownerIn(text, peer, local);
    if (uid === undefined) continue;
    return uid === deps.uid || uid === 0 ? { kind: "ours", uid } : { kind: "other", uid };
  }
  return {
    kind: "unknown",
    why: readable ? "the client's socket is not in /proc/net/tcp" : "/proc/net/tcp is unreadable",
  };
}

/** The uid of the ESTABLISHED socket `peer` -> `local` in a /proc/net/tcp{,6} table. Pure. */
export function ownerIn(
  table: string,
  peer: Endpoint,
  local: Endpoint,
  littleEndian = endianness() === "LE",
): number | undefined {
  const want = `${ipv4Of(peer.address)}:${peer.port}>${ipv4Of(local.address)}:${local.port}`;
  for (const line of table.split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 8 || fields[3] !== ESTABLISHED) continue;
    const from = endpointOf(fields[1]!, littleEndian);
    const to = endpointOf(fields[2]!, littleEndian);
    if (from === undefined || to === undefined || `${from}>${to}` !== want) continue;
    const uid = Number(fields[7]);
    return Number.isInteger(uid) ? uid : undefined;
  }
  return undefined;
}

/** "127.0.0.1" for "127.0.0.1" and "::ffff:127.0.0.1"; other addresses as they are. */
function ipv4Of(address: string): string {
  return address.replace(/^::ffff:/i, "");
}

/** "0100007F:1F90" -> "127.0.0.1:8080"; IPv4-mapped IPv6 rows the same; others undefined. */
function endpointOf(field: string, littleEndian: boolean): string | undefined {
  const [hex, portHex] = field.split(":");
  if (!hex || !portHex || !/^[0-9A-Fa-f]+$/.test(hex + portHex)) return undefined;
  const words = (hex.match(/.{8}/g) ?? []).map((word) => wordBytes(word, littleEndian));
  let bytes: number[];
  if (words.length === 1) bytes = words[0]!;
  else if (words.length === 4 && isV4Mapped(words.slice(0, 3).flat())) bytes = words[3]!;
  else return undefined;
  return `${bytes.join(".")}:${Number.parseInt(portHex, 16)}`;
}

/** The four bytes of an address word in network order (the kernel prints it in host order). */
function wordBytes(word: string, littleEndian: boolean): number[] {
  const bytes = (word.match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16));
  return littleEndian ? bytes.reverse() : bytes;
}

function isV4Mapped(first12: number[]): boolean {
  return first12.every((byte, i) => (i < 10 ? byte === 0 : byte === 0xff));
}
