/**
 * awsmfa's STS and IAM calls go out on fetch (aws/fetch-handler.ts): nothing a call loads may
 * load node:http, node:https, node:http2, net or tls, which cost every fresh login ~5 ms on Bun.
 * The SDK's Node runtime config imports @smithy/node-http-handler itself; the build maps that
 * package to aws/sdk-transport-stand-in.ts (tsconfig.build.json). Bundled as the binary is.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FRESH_LOGIN_ENTRIES, makeBundleGraph } from "../support/bundle-graph.ts";

const out = mkdtempSync(join(tmpdir(), "awsmfa-sdk-transport-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test("the SDK's chunks and the request handler reach no Node HTTP client module", async () => {
  const graph = await makeBundleGraph(out);
  const sdkFiles = [
    "node_modules/@aws-sdk/client-sts/dist-es/runtimeConfig.js",
    "node_modules/@aws-sdk/client-iam/dist-es/runtimeConfig.js",
    "src/aws/fetch-handler.ts",
    "src/aws/sdk-transport-stand-in.ts",
  ];
  const { files, builtins } = graph.reach(sdkFiles);
  // The SDK is bundled, with the stand-in where it imports the package.
  expect(files).toContain("node_modules/@aws-sdk/client-sts/dist-es/STSClient.js");
  expect(files.some((file) => file.startsWith("node_modules/@smithy/node-http-handler/"))).toBe(
    false,
  );
  for (const name of ["http", "https", "http2", "net", "tls"]) {
    expect([name, builtins.has(name)]).toEqual([name, false]);
  }
  // The SDK's runtime config imports the stand-in where it imported the package.
  const sts = graph.reach(["node_modules/@aws-sdk/client-sts/dist-es/runtimeConfig.js"]);
  expect(sts.files).toContain("src/aws/sdk-transport-stand-in.ts");
}, 60_000);

test("a fresh login's modules, the SDK's included, reach none of them either", async () => {
  const graph = await makeBundleGraph(out);
  const { files, builtins } = graph.reach(FRESH_LOGIN_ENTRIES);
  expect(files).toContain("src/session/get-session.ts");
  expect(files).toContain("node_modules/@aws-sdk/client-sts/dist-es/runtimeConfig.js");
  for (const name of ["http", "https", "http2", "net", "tls"]) {
    expect([name, builtins.has(name)]).toEqual([name, false]);
  }
}, 60_000);

test("the STS chunk holds the commands awsmfa sends, not the package's other exports", async () => {
  const graph = await makeBundleGraph(out);
  const sts = "node_modules/@aws-sdk/client-sts/dist-es/";
  // What loading the chunk of the command a fresh login sends brings (aws/sts-sdk.ts).
  const { files } = graph.reach([`${sts}commands/GetSessionTokenCommand.js`]);
  for (const used of ["GetSessionToken", "AssumeRole", "GetCallerIdentity"]) {
    expect(files).toContain(`${sts}commands/${used}Command.js`);
  }
  // The aggregated client, the other commands, the credential providers' role assumers.
  for (const unused of [
    "STS.js",
    "commands/AssumeRoleWithSAMLCommand.js",
    "commands/GetFederationTokenCommand.js",
    "defaultStsRoleAssumers.js",
  ]) {
    expect([unused, files.includes(sts + unused)]).toEqual([unused, false]);
  }
}, 60_000);

test("the SDK's default credential chain is not bundled: its stand-in is, which refuses to run", async () => {
  const graph = await makeBundleGraph(out);
  for (const client of ["client-sts", "client-iam"]) {
    const { files } = graph.reach([`node_modules/@aws-sdk/${client}/dist-es/runtimeConfig.js`]);
    expect(files).toContain("src/aws/sdk-credential-chain-stand-in.ts");
    const chain = files.filter((file) =>
      file.startsWith("node_modules/@aws-sdk/credential-provider"),
    );
    expect([client, chain]).toEqual([client, []]);
  }
  // Nothing in the binary loads the chain's providers, or the nested clients they make.
  const all = [...graph.chunks.values()].flatMap((chunk) => chunk.files);
  expect(all.filter((file) => /credential-provider|nested-clients/.test(file))).toEqual([]);
  const { defaultProvider } = await import("../../src/aws/sdk-credential-chain-stand-in.ts");
  expect(() => defaultProvider()).toThrow(/^internal error: .*without credentials/);
}, 60_000);

test("the IAM chunk holds the commands awsmfa sends, not the package's other ~180", async () => {
  const graph = await makeBundleGraph(out);
  const iam = "node_modules/@aws-sdk/client-iam/dist-es/";
  const { files } = graph.reach([`${iam}commands/ListMFADevicesCommand.js`]);
  for (const used of ["ListMFADevices", "ListAccessKeys", "CreateAccessKey", "DeleteAccessKey"]) {
    expect(files).toContain(`${iam}commands/${used}Command.js`);
  }
  for (const unused of [
    "IAM.js",
    "commands/CreateUserCommand.js",
    "commands/ListRolesCommand.js",
  ]) {
    expect([unused, files.includes(iam + unused)]).toEqual([unused, false]);
  }
}, 60_000);
