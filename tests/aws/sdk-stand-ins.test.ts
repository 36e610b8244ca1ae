/**
 * A fresh login loads no node:crypto (~2.6 ms to load on Bun, with the stream classes it
 * builds on): awsmfa's own hashes come from system/hashes.ts, SigV4's from the same module
 * (clients.ts gives it as `sha256`), and the build maps the two SDK modules that imported
 * node:crypto when they load (@smithy/core/checksum, @smithy/core/serde) to stand-ins that
 * export the same names (tsconfig.build.json). Bundled as the binary is. Nor node:fs/promises
 * with the node:events it loads: @smithy/core/config's stand-in reads the SDK's shared files
 * (which a login never does) through it on first use only.
 */
import { afterAll, expect, test } from "bun:test";
import {
  createReadStream,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import type { Uint8ArrayBlobAdapter } from "@smithy/core/serde";
import * as checksumStandIn from "../../src/aws/sdk-checksum-stand-in.ts";
import * as configStandIn from "../../src/aws/sdk-config-stand-in.ts";
import * as hexAndUuid from "../../src/aws/sdk-hex-and-uuid.ts";
import * as retryStandIn from "../../src/aws/sdk-retry-stand-in.ts";
import * as serdeStandIn from "../../src/aws/sdk-serde-stand-in.ts";
import { calculateBodyLength, isStreamingPayload } from "../../src/aws/sdk-stream-checks.ts";
import * as utf8 from "../../src/aws/sdk-utf8.ts";
import { Sha256 } from "../../src/system/hashes.ts";
import { FRESH_LOGIN_ENTRIES, makeBundleGraph } from "../support/bundle-graph.ts";
import { SMITHY_SUBMODULES } from "../support/smithy-sources.ts";

const out = mkdtempSync(join(tmpdir(), "awsmfa-sdk-stand-ins-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// The package's ES module files, which the binary bundles and the stand-ins re-export.
const SUBMODULES = SMITHY_SUBMODULES;

test("each stand-in exports exactly what the package's index exports", async () => {
  const serde = await import(join(SUBMODULES, "serde", "index.js"));
  const checksum = await import(join(SUBMODULES, "checksum", "index.js"));
  const retry = await import(join(SUBMODULES, "retry", "index.js"));
  expect(Object.keys(serdeStandIn).sort()).toEqual(Object.keys(serde).sort());
  expect(Object.keys(checksumStandIn).sort()).toEqual(Object.keys(checksum).sort());
  expect(Object.keys(retryStandIn).sort()).toEqual(Object.keys(retry).sort());
  // The same functions and classes, but for the ones replaced.
  const replaced = new Set([
    "v4",
    "generateIdempotencyToken",
    "Uint8ArrayBlobAdapter",
    "calculateBodyLength",
    "toHex",
    "fromHex",
    "fromUtf8",
    "toUtf8",
    "toUint8Array",
  ]);
  for (const [name, value] of Object.entries(serdeStandIn)) {
    if (!replaced.has(name)) expect([name, value === serde[name]]).toEqual([name, true]);
  }
  for (const [name, value] of Object.entries(checksumStandIn)) {
    if (name !== "Sha256" && name !== "Sha256Node") {
      expect([name, value === checksum[name]]).toEqual([name, true]);
    }
  }
  for (const [name, value] of Object.entries(retryStandIn)) {
    if (name !== "retryMiddleware" && name !== "getRetryPlugin") {
      expect([name, value === retry[name]]).toEqual([name, true]);
    }
  }
  expect(serdeStandIn.calculateBodyLength).toBe(calculateBodyLength);
  expect(serdeStandIn.toHex).toBe(hexAndUuid.toHex);
  expect(serdeStandIn.fromHex).toBe(hexAndUuid.fromHex);
  expect(serdeStandIn.fromUtf8).toBe(utf8.fromUtf8);
  expect(serdeStandIn.toUtf8).toBe(utf8.toUtf8);
  expect(serdeStandIn.toUint8Array).toBe(utf8.toUint8Array);
  expect(checksumStandIn.Sha256).toBe(Sha256);
  expect(checksumStandIn.Sha256Node).toBe(Sha256);
  const config = await import(join(SUBMODULES, "config", "index.js"));
  expect(Object.keys(configStandIn).sort()).toEqual(Object.keys(config).sort());
  const copied = new Set([
    "readFile",
    "getSSOTokenFromFile",
    "externalDataInterceptor",
    "loadSharedConfigFiles",
    "loadSsoSessionData",
    "parseKnownFiles",
    "loadConfig",
    "resolveDefaultsModeConfig",
  ]);
  for (const [name, value] of Object.entries(configStandIn)) {
    expect([name, value === config[name]]).toEqual([name, !copied.has(name)]);
  }
});

test("the config stand-in's file readers and loaders answer as the package's", async () => {
  const config = await import(join(SUBMODULES, "config", "index.js"));
  const dir = mkdtempSync(join(out, "config-"));
  const configPath = join(dir, "config");
  const credentialsPath = join(dir, "credentials");
  writeFileSync(
    configPath,
    "[profile p]\nregion = eu-west-1\ndefaults_mode = standard\n[sso-session s]\nsso_region = us-east-1\n",
  );
  writeFileSync(credentialsPath, "[p]\naws_access_key_id = AKIAEXAMPLE\nregion = us-west-2\n");
  const missing = join(dir, "missing");
  const init = { profile: "p", filepath: credentialsPath, configFilepath: configPath };
  const selector = {
    environmentVariableSelector: (env: Record<string, string | undefined>) =>
      env.AWSMFA_TEST_NEVER_SET,
    configFileSelector: (profile: Record<string, string>) => profile.region,
    default: "us-east-1",
  };
  const noFile = {
    ...selector,
    configFileSelector: (profile: Record<string, string>) => profile.nothing,
  };
  const answers = async (module: typeof config) => {
    const settle = (promise: Promise<unknown>) =>
      promise.then(
        (value) => ({ value }),
        (error: NodeJS.ErrnoException) => ({
          error: [error.constructor.name, error.message, error.code, error.syscall, error.path],
        }),
      );
    return {
      read: await settle(module.readFile(configPath, { ignoreCache: true })),
      readMissing: await settle(module.readFile(missing, { ignoreCache: true })),
      token: await settle(module.getSSOTokenFromFile("awsmfa-stand-in-test-no-such-session")),
      shared: await module.loadSharedConfigFiles({ ...init, ignoreCache: true }),
      sharedMissing: await module.loadSharedConfigFiles({
        filepath: missing,
        configFilepath: missing,
        ignoreCache: true,
      }),
      ssoSessions: await module.loadSsoSessionData({ configFilepath: configPath }),
      known: await module.parseKnownFiles({ ...init, ignoreCache: true }),
      region: await settle(module.loadConfig(selector, { ...init, ignoreCache: true })()),
      preferCredentials: await settle(
        module.loadConfig(selector, { ...init, preferredFile: "credentials", ignoreCache: true })(),
      ),
      fallback: await settle(module.loadConfig(noFile, { ...init, ignoreCache: true })()),
      defaultsMode: await settle(
        module.resolveDefaultsModeConfig({ region: "eu-west-1", defaultsMode: "in-region" })(),
      ),
      badMode: await settle(module.resolveDefaultsModeConfig({ defaultsMode: "nonsense" })()),
      autoMode: await settle(
        module.resolveDefaultsModeConfig({ region: "eu-west-1", defaultsMode: "auto" })(),
      ),
    };
  };
  const standIn = await answers(configStandIn);
  expect(standIn).toEqual(await answers(config));
  // The probe reads: the files' settings, and node:fs/promises' own error for a missing file.
  expect(standIn.region).toEqual({ value: "eu-west-1" });
  expect(standIn.preferCredentials).toEqual({ value: "us-west-2" });
  expect(standIn.readMissing).toEqual({
    error: ["Error", expect.stringContaining("ENOENT"), "ENOENT", "open", missing],
  });
  // An intercepted file is answered from the interceptor, the package's and the stand-in's alike.
  for (const module of [config, configStandIn]) {
    module.externalDataInterceptor.interceptFile(missing, "[profile q]\nregion = ap-south-1\n");
    expect(await module.readFile(missing)).toBe("[profile q]\nregion = ap-south-1\n");
    module.externalDataInterceptor.interceptToken("t", { accessToken: "x" });
    expect(await module.getSSOTokenFromFile("t")).toEqual({ accessToken: "x" });
  }
}, 30_000);

test("the serde stand-in's uuid and blob adapter work as the package's", async () => {
  const serde = await import(join(SUBMODULES, "serde", "index.js"));
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  expect(serdeStandIn.v4()).toMatch(uuid);
  expect(serdeStandIn.generateIdempotencyToken()).toMatch(uuid);
  expect(serdeStandIn.v4()).not.toBe(serdeStandIn.v4());
  // The stand-in re-exports untyped files: its class is typed here as the package's.
  const Adapter = serdeStandIn.Uint8ArrayBlobAdapter as unknown as typeof Uint8ArrayBlobAdapter;
  const ours = Adapter.fromString("héllo");
  const theirs = serde.Uint8ArrayBlobAdapter.fromString("héllo");
  expect([...ours]).toEqual([...theirs]);
  expect(ours.transformToString("base64")).toBe(theirs.transformToString("base64"));
});

/** What a call answers: its value, or the class and message of what it threw. */
function outcome(call: () => unknown): unknown {
  try {
    return { value: call() };
  } catch (error) {
    return { threw: [(error as Error).constructor.name, (error as Error).message] };
  }
}

test("the hex encoding answers as the package's, its errors included", async () => {
  const hex = await import(join(SUBMODULES, "serde", "util-hex-encoding", "hex-encoding.js"));
  const every = Uint8Array.from({ length: 256 }, (_, i) => i);
  expect(hexAndUuid.toHex(every)).toBe(hex.toHex(every));
  expect(hexAndUuid.toHex(new Uint8Array(0))).toBe("");
  const odd = [
    new Uint16Array([1, 255, 256, 4095]),
    new Float64Array([1.5, -0, 2]),
    new DataView(new ArrayBuffer(2)),
  ];
  for (const bytes of odd) {
    expect(hexAndUuid.toHex(bytes as unknown as Uint8Array)).toBe(hex.toHex(bytes));
  }
  const texts = [
    "",
    hex.toHex(every),
    hex.toHex(every).toUpperCase(),
    "0",
    "abc",
    "0g",
    "g0",
    "zz",
    "ÀB",
    "İa",
    "aİ",
    "\u212a0",
    " 1",
    "1 ",
    "12345x",
    "😀",
  ];
  // Every UTF-16 code unit beside a digit, on either side: only 0-9, a-f and A-F decode.
  for (let code = 0; code < 0x10000; code++) {
    const c = String.fromCharCode(code);
    texts.push(`${c}a`, `a${c}`);
  }
  for (const text of texts) {
    const ours = outcome(() => [...hexAndUuid.fromHex(text)]);
    const theirs = outcome(() => [...hex.fromHex(text)]);
    if (JSON.stringify(ours) !== JSON.stringify(theirs))
      expect([text, ours]).toEqual([text, theirs]);
  }
});

test("the uuid without crypto.randomUUID is the package's, made of the same bytes", () => {
  // In a process of its own: the global crypto's randomUUID is taken away there only.
  const script = `
    Object.defineProperty(crypto, "randomUUID", { value: undefined });
    const ours = await import(${JSON.stringify(join(import.meta.dir, "..", "..", "src", "aws", "sdk-hex-and-uuid.ts"))});
    const theirs = await import(${JSON.stringify(join(SUBMODULES, "serde", "uuid", "v4.js"))});
    const samples = [[0], [255], [0, 17, 34, 51, 68, 85, 102, 119, 136, 153, 170, 187, 204, 221, 238, 255], [13, 110, 207, 48]];
    const feed = () => {
      let next = 0;
      return (array) => {
        const sample = samples[next++ % samples.length];
        for (let i = 0; i < 16; i++) array[i] = sample[i % sample.length];
      };
    };
    const a = ours.bindV4(feed()), b = theirs.bindV4(feed());
    console.log(JSON.stringify(samples.map(() => [a(), b()])));
  `;
  const run = Bun.spawnSync([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" });
  expect(run.stderr.toString()).toBe("");
  const pairs: [string, string][] = JSON.parse(run.stdout.toString());
  expect(pairs).toHaveLength(4);
  for (const [ours, theirs] of pairs) {
    expect(ours).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ours).toBe(theirs);
  }
  // Where there is one, both hand it on.
  expect(hexAndUuid.bindV4(() => undefined)()).toMatch(/^[0-9a-f-]{36}$/);
});

test("the stream checks answer as the SDK's for every kind of body", async () => {
  const sdkLength = (
    await import(join(SUBMODULES, "serde", "util-body-length", "calculateBodyLength.js"))
  ).calculateBodyLength;
  const sdkStreaming = (
    await import(
      join(SUBMODULES, "retry", "middleware-retry", "isStreamingPayload", "isStreamingPayload.js")
    )
  ).isStreamingPayload;
  const file = join(out, "body.txt");
  writeFileSync(file, "x".repeat(1234));
  const byPath = createReadStream(file);
  const fd = openSync(file, "r");
  const byFd = createReadStream("", { fd });
  const bodies: unknown[] = [
    undefined,
    null,
    "",
    0,
    "Action=GetSessionToken&Version=2011-06-15",
    "ünïcode ✓ 😀",
    new Uint8Array(17),
    new ArrayBuffer(9),
    new DataView(new ArrayBuffer(5)),
    Buffer.from("buffer"),
    new Blob(["blob!"]),
    { start: 3, end: 10 },
    byPath,
    byFd,
  ];
  for (const body of bodies) {
    expect([String(body), calculateBodyLength(body)]).toEqual([String(body), sdkLength(body)]);
  }
  for (const body of [{}, { size: "1" }, 5, () => 1, Readable.from(["a"])]) {
    const theirs = (() => {
      try {
        return sdkLength(body);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(() => calculateBodyLength(body)).toThrow(theirs);
  }
  const requests: unknown[] = [
    undefined,
    null,
    {},
    { body: undefined },
    { body: "text" },
    { body: new Uint8Array(3) },
    { body: {} },
    { body: new ReadableStream() },
    { body: Readable.from(["a"]) },
    { body: new PassThrough() },
    { body: byPath },
  ];
  for (const request of requests) {
    expect(isStreamingPayload(request)).toBe(sdkStreaming(request));
  }
  // The file streams close their files (byFd its descriptor) before the test ends.
  await Promise.all(
    [byPath, byFd].map(
      (stream) => new Promise((resolve) => stream.destroy().once("close", resolve)),
    ),
  );
  expect(isStreamingPayload({ body: new PassThrough() })).toBe(true);
});

test("a fresh login's modules, the SDK's included, import no node:crypto, node:stream, node:fs/promises or node:events", async () => {
  const graph = await makeBundleGraph(out);
  const { files, builtins } = graph.reach([
    ...FRESH_LOGIN_ENTRIES,
    // IAM's client too (a login that looks up its device).
    "node_modules/@aws-sdk/client-iam/dist-es/IAMClient.js",
  ]);
  // The graph is really there: the session code, the locks and the SDK's signer.
  expect(files).toContain("src/session/get-session.ts");
  expect(files).toContain("src/fs/lock-remove.ts");
  expect(files).toContain("node_modules/@aws-sdk/client-sts/dist-es/runtimeConfig.shared.js");
  // The stand-ins are bundled where the packages' indexes were (the checksum stand-in, only
  // re-exports, shows as the Sha256 it gives).
  expect(files).toContain("src/aws/sdk-serde-stand-in.ts");
  expect(files).toContain("src/aws/sdk-schema-stand-in.ts");
  expect(files).toContain("src/system/hashes.ts");
  const submodules = "node_modules/@smithy/core/dist-es/submodules/";
  expect(files).not.toContain(`${submodules}serde/index.js`);
  expect(files).not.toContain(`${submodules}checksum/sha256/Sha256Node.js`);
  // Nor the two serde modules that build 256-entry tables when they load (aws/sdk-hex-and-uuid.ts).
  expect(files).not.toContain(`${submodules}serde/util-hex-encoding/hex-encoding.js`);
  expect(files).not.toContain(`${submodules}serde/uuid/v4.js`);
  // The answers' XML is read by awsmfa's parser (aws/sdk-xml-stand-in.ts), not the package's.
  expect(files).toContain("src/aws/sdk-xml-parser.ts");
  expect(files).not.toContain("node_modules/@aws-sdk/xml-builder/dist-es/xml-parser.js");
  expect(builtins).toContain("fs");
  expect(builtins.has("crypto")).toBe(false);
  expect(builtins.has("stream")).toBe(false);
  // node:fs/promises (and node:events, which it loads): the SDK's shared-file readers take it
  // on their first read (aws/sdk-config-stand-in.ts), ~0.5-0.7 ms of a fresh login.
  expect(files).toContain("src/aws/sdk-config-stand-in.ts");
  expect(builtins.has("fs/promises")).toBe(false);
  expect(builtins.has("events")).toBe(false);
  // node:fs's ReadStream loads node:stream: no chunk of the login imports it by name.
  const reached = new Set(files.map((file) => graph.chunkOf(file)));
  for (const name of reached) {
    const text = readFileSync(join(out, name), "utf8");
    expect([
      name,
      /^import\s*\{[^}]*\bReadStream\b[^}]*\}\s*from\s*"(node:)?fs"/m.test(text),
    ]).toEqual([name, false]);
  }
}, 60_000);
