/**
 * A release folder served on 127.0.0.1, as GitHub releases would serve it: install.sh,
 * awsmfa-<os>-<arch>.tar.gz and SHA256SUMS. By default a small release made from the test
 * binary (built from this checkout, packed by build.ts's archive code), with its own SHA256SUMS; with AWSMFA_TEST_RELEASE=dist, dist/'s
 * files (what .ci/run does after `npm run build`). A dist/ left over from an older build is
 * never picked up by accident.
 *
 * Also served: /tampered/ (the same SHA256SUMS, an archive with one byte more) and
 * /cut/install.sh (the first half of the script, as a broken download would leave it).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { tarGz } from "../../../scripts/release/archive.ts";
import { awsmfaBinary } from "../../support/binary.ts";

const root = resolve(import.meta.dir, "..", "..", "..");

export const HOST_ASSET = `awsmfa-${process.platform === "darwin" ? "darwin" : "linux"}-${
  process.arch === "arm64" ? "arm64" : "x64"
}.tar.gz`;

export interface ReleaseServer {
  url: string;
  /** Where the binary and SHA256SUMS come from, for the test log. */
  source: string;
  /** Every request: path and User-Agent. */
  requests: { path: string; agent: string }[];
  stop(): Promise<void>;
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

async function releaseFolder(): Promise<{ folder: string; source: string; temporary: boolean }> {
  // .ci/run sets this after `npm run build`: testing a stand-in there would prove nothing.
  if (process.env.AWSMFA_TEST_RELEASE === "dist") {
    const dist = join(root, "dist");
    if (existsSync(join(dist, "SHA256SUMS")) && existsSync(join(dist, HOST_ASSET))) {
      return { folder: dist, source: "dist/ (built by npm run build)", temporary: false };
    }
    throw new Error(`AWSMFA_TEST_RELEASE=dist, but dist/ has no SHA256SUMS and ${HOST_ASSET}`);
  }
  const folder = mkdtempSync(join(tmpdir(), "awsmfa-release-"));
  const entries = [
    { name: "awsmfa", data: readFileSync(await awsmfaBinary()), mode: 0o755 },
    { name: "LICENSE", data: readFileSync(join(root, "LICENSE")), mode: 0o644 },
  ];
  writeFileSync(join(folder, HOST_ASSET), await tarGz(entries));
  const sum = sha256(readFileSync(join(folder, HOST_ASSET)));
  writeFileSync(join(folder, "SHA256SUMS"), `${sum}  ${HOST_ASSET}\n`);
  return { folder, source: "a release made from the test binary", temporary: true };
}

export async function startReleaseServer(): Promise<ReleaseServer> {
  const { folder, source, temporary } = await releaseFolder();
  const script = readFileSync(join(root, "install.sh"), "utf8");
  const binary = readFileSync(join(folder, HOST_ASSET));
  const tampered = new Uint8Array(binary.length + 1);
  tampered.set(binary);
  const requests: ReleaseServer["requests"] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const path = new URL(request.url).pathname;
      requests.push({ path, agent: request.headers.get("user-agent") ?? "" });
      if (path === "/install.sh") return new Response(script);
      if (path === "/cut/install.sh") return new Response(script.slice(0, script.length / 2));
      if (path === `/tampered/${HOST_ASSET}`) return new Response(tampered);
      // /upper/: the same release with SHA256SUMS written in upper-case hex.
      if (path === "/upper/SHA256SUMS") {
        return new Response(
          readFileSync(join(folder, "SHA256SUMS"), "utf8").replace(/^[0-9a-f]{64}/gm, (h) =>
            h.toUpperCase(),
          ),
        );
      }
      const name = path.replace(/^\/(tampered\/|upper\/)?/, "");
      if (name === "SHA256SUMS" || name === HOST_ASSET) {
        return new Response(Bun.file(join(folder, name)));
      }
      return new Response("not found", { status: 404 });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    source,
    requests,
    async stop() {
      await server.stop(true);
      if (temporary) rmSync(folder, { recursive: true, force: true });
    },
  };
}
