/**
 * awsmfa speaks HTTP/1.1 to AWS (clients.ts gives the SDK a NodeHttpHandler), so nothing it
 * bundles may load node:http2: it would cost every fresh login ~1-2 ms for nothing. The SDK's
 * own handler package exports NodeHttp2Handler too, and a namespace import of it (an
 * `import("@smithy/node-http-handler")`) keeps that export and its node:http2 import alive;
 * aws/node-handler.ts imports the one class by name. Bundled as the binary is.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeBundleGraph } from "../support/bundle-graph.ts";

const out = mkdtempSync(join(tmpdir(), "awsmfa-no-http2-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test("no chunk of the binary imports node:http2, while the SDK and node:https are bundled", async () => {
  const { texts } = await makeBundleGraph(out);
  const imports = (name: string) =>
    texts.some((text) =>
      new RegExp(`from\\s*"(?:node:)?${name}"|import\\("(?:node:)?${name}"\\)`).test(text),
    );
  // The probe sees imports of built-ins: the SDK's request handler brings node:https.
  expect(texts.some((text) => text.includes("class NodeHttpHandler"))).toBe(true);
  expect(imports("https")).toBe(true);
  expect(imports("http2")).toBe(false);
}, 60_000);
