/**
 * The benchmark's world: the fake AWS in its own process (so that synchronous spawns can be
 * timed while it answers), a HOME with ~/.aws files of N profiles, and fresh copies of the
 * binaries (a freshly copied binary runs ~14% faster than the file the build wrote, so every
 * binary compared is a fresh copy).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";

import { maskKeyId } from "../../src/aws/credentials.ts";
import { sessionCacheName } from "../../src/session/cache-record.ts";

const root = resolve(import.meta.dir, "..", "..");

export interface BenchUser {
  accessKeyId: string;
  secretAccessKey: string;
  serial: string;
}

export interface FakeAwsProcess {
  url: string;
  addUser(name: string): Promise<BenchUser>;
  code(serial: string): Promise<string>;
  /** The AWS calls answered since the last take (action, server time in ms), then forgotten. */
  takeCalls(): Promise<{ action: string; serverMs: number }[]>;
  /** One HTTP request on a new loopback connection, answered at once: the network's part (ms). */
  loopbackRoundTrip(): Promise<number>;
  stop(): void;
}

/** `bun tests/support/fake-aws.ts --port 0`, driven through its /_fake/ control API. */
export async function startFakeAwsProcess(): Promise<FakeAwsProcess> {
  const child = Bun.spawn([process.execPath, join(root, "tests", "support", "fake-aws.ts")], {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = child.stdout.getReader();
  let text = "";
  const deadline = Date.now() + 20_000;
  while (!text.includes("\n")) {
    if (Date.now() > deadline) throw new Error("the fake AWS did not start within 20 s");
    const { value, done } = await reader.read();
    if (done) throw new Error("the fake AWS exited before it printed its address");
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const url: string = JSON.parse(text.slice(0, text.indexOf("\n"))).url;
  // biome-ignore lint/suspicious/noExplicitAny: the control API answers loosely typed JSON.
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${url}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`fake AWS ${method} ${path}: ${await response.text()}`);
    return response.json();
  };
  return {
    url,
    async addUser(name) {
      const user = await call("POST", "/_fake/users", { name });
      return {
        accessKeyId: user.accessKeyId,
        secretAccessKey: user.secretAccessKey,
        serial: user.devices[0].serial,
      };
    },
    async code(serial) {
      return (await call("GET", `/_fake/code?serial=${encodeURIComponent(serial)}`)).code;
    },
    async takeCalls() {
      const calls: { action: string; serverMs?: number }[] = await call("GET", "/_fake/calls");
      await call("DELETE", "/_fake/calls");
      return calls.map((c) => ({ action: c.action, serverMs: c.serverMs ?? Number.NaN }));
    },
    loopbackRoundTrip: () => loopbackRoundTrip(new URL(url).port),
    stop: () => child.kill(),
  };
}

/**
 * What a request costs on loopback without the server's work: connect, send a request, read
 * the answer's first bytes, as a client that opens one connection for one call does. The fake
 * answers /_fake/ping before doing anything else (server.ts).
 */
function loopbackRoundTrip(port: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(
        `GET /_fake/ping HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
      );
    });
    const timer = setTimeout(() => socket.destroy(new Error("no answer to the ping in 5 s")), 5000);
    socket.once("data", () => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      socket.destroy();
      resolve(ms);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** A fresh copy of a binary in `folder`, executable. */
export function freshCopy(binary: string, folder: string, name: string): string {
  const copy = join(folder, name);
  copyFileSync(binary, copy);
  return copy;
}

/**
 * A compiled hello world built with this Bun: the floor of start-up, the one issue 16's goals
 * are measured against (`bun build --compile --format=esm --minify --bytecode`, the way anyone
 * compiles a program). With `likeAwsmfa`, also without what build.ts turns off for every run:
 * the look for .env and bunfig.toml, which lists every folder from / to the current one (0.3-1.2 ms),
 * the floor of a program that starts exactly as awsmfa starts.
 */
export function buildHello(folder: string, likeAwsmfa = false): string {
  const source = join(folder, "hello.ts");
  writeFileSync(source, 'console.log("hello");\n');
  const name = likeAwsmfa ? "hello-like-awsmfa" : "hello-built";
  return buildProgram(source, join(folder, name), likeAwsmfa ? NO_AUTOLOAD : []);
}

/** build.ts's flags that change how every run starts (see its compile()). */
const NO_AUTOLOAD = ["--no-compile-autoload-dotenv", "--no-compile-autoload-bunfig"];

/** bench/list-floor.ts built the same way: the floor of `list` at scale. */
export function buildListFloor(folder: string): string {
  return buildProgram(join(import.meta.dir, "list-floor.ts"), join(folder, "list-floor-built"));
}

function buildProgram(source: string, outfile: string, extra: readonly string[] = []): string {
  const args = ["build", "--compile", "--format=esm", "--minify", "--bytecode", ...extra];
  const built = Bun.spawnSync([process.execPath, ...args, source, "--outfile", outfile], {
    stdout: "pipe",
    stderr: "pipe",
  });
  if (built.exitCode !== 0)
    throw new Error(`building ${source} failed: ${built.stderr.toString()}`);
  return outfile;
}

/**
 * ~/.aws files with `count` profiles besides the ones measured: pairs of `[profile pI]` (config:
 * region, mfa_serial) and `[pI-long-term]` (credentials: keys), each with a comment, as
 * organisations generate them. The measured pairs `cached` and `fresh` sit in the middle, so a
 * reader that stops early gains nothing and one that scans everything pays for it.
 */
export class ProfileFiles {
  private readonly configHead: string;
  private readonly configTail: string;
  private readonly credentialsHead: string;
  private readonly credentialsTail: string;

  constructor(
    readonly home: string,
    count: number,
  ) {
    const pairs = Math.max(0, Math.floor(count / 2));
    const config = (i: number) =>
      `# team ${i % 97}\n[profile p${i}]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::123456789012:mfa/p${i}\n\n`;
    const credentials = (i: number) =>
      `# p${i}: rotate yearly\n[p${i}-long-term]\naws_access_key_id = AKIA${String(i).padStart(16, "0")}\naws_secret_access_key = ${"s".repeat(40)}\n\n`;
    const half = Math.floor(pairs / 2);
    const range = (from: number, to: number, line: (i: number) => string) => {
      const parts: string[] = [];
      for (let i = from; i < to; i++) parts.push(line(i));
      return parts.join("");
    };
    this.configHead = range(0, half, config);
    this.configTail = range(half, pairs, config);
    this.credentialsHead = range(0, half, credentials);
    this.credentialsTail = range(half, pairs, credentials);
    mkdirSync(join(home, ".aws"), { recursive: true });
  }

  get credentialsPath(): string {
    return join(this.home, ".aws", "credentials");
  }

  /**
   * Writes both files; `cached` and `fresh` are the users behind the two measured pairs, and
   * `session` is the `[cached]` section the first login wrote (kept, so that no cached login
   * finds it missing and writes it again).
   */
  write(cached: BenchUser, fresh: BenchUser, session = ""): void {
    const config = (name: string, user: BenchUser) =>
      `[profile ${name}]\nregion = eu-west-1\nmfa_serial = ${user.serial}\n\n`;
    const keys = (name: string, user: BenchUser) =>
      `[${name}-long-term]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n\n`;
    writeFileSync(
      join(this.home, ".aws", "config"),
      this.configHead + config("cached", cached) + config("fresh", fresh) + this.configTail,
    );
    writeFileSync(
      this.credentialsPath,
      this.credentialsHead +
        keys("cached", cached) +
        session +
        keys("fresh", fresh) +
        this.credentialsTail,
    );
  }
}

/**
 * A cache folder (`AWSMFA_CACHE_DIR`) with the session files of `from` (a real login's) and
 * `count` more, as logins of other keys and devices leave them behind (the bench's fresh
 * logins, keys rotated): each a copy of a real session record with its device and masked key
 * changed, under the name a login gives it. `list` reads such files for their devices
 * (src/profiles/listed-sessions.ts); the scaling table's "list, N sessions" column.
 */
export function sessionsFolder(folder: string, from: string, count: number): string {
  const sessions = join(folder, "sessions");
  mkdirSync(sessions, { recursive: true, mode: 0o700 });
  const names = readdirSync(from).filter((name) => name.endsWith(".json"));
  for (const name of names) copyFileSync(join(from, name), join(sessions, name));
  const record = JSON.parse(readFileSync(join(from, names[0]!), "utf8"));
  for (let k = 0; k < count; k++) {
    const key = {
      longTermKeyId: `AKIAOLD${String(k).padStart(13, "0")}`,
      serial: `arn:aws:iam::123456789012:mfa/bench-old-${k}`,
    };
    const text = `${JSON.stringify({ ...record, serial: key.serial, longTermKey: maskKeyId(key.longTermKeyId) }, null, 2)}\n`;
    writeFileSync(join(sessions, sessionCacheName(key)), text, { mode: 0o600 });
  }
  return folder;
}
