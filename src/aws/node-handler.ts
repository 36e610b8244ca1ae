/**
 * The SDK's request handler for Node, by name. A dynamic import of the package itself would
 * keep all it exports, NodeHttp2Handler too, and with it node:http2, which loads with the SDK
 * on every fresh login (~1-2 ms) although awsmfa never speaks HTTP/2: imported by name from
 * here, the bundler leaves it out (the package declares no side effects).
 */
export { NodeHttpHandler } from "@smithy/node-http-handler";
