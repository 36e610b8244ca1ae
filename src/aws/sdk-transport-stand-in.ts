/**
 * What stands in for the package @smithy/node-http-handler wherever the AWS SDK imports it, in
 * the binary (tsconfig.build.json "paths", which the bundler follows into node_modules; see
 * scripts/build/build-tsconfig.ts).
 *
 * The SDK's Node runtime config imports that package for two things only: to take the request
 * handler it is given (NodeHttpHandler.create) and to collect answer bodies (streamCollector).
 * awsmfa always gives its own handler on fetch (fetch-handler.ts), whose bodies come collected.
 * But importing the package loads node:http, node:https, net and tls, ~5 ms of every fresh
 * login, for nothing. A package of the SDK that imported anything else from it would fail the
 * build ("No matching export"), not the user.
 */

import { readCapped } from "./capped-answer.ts";
import { ANSWER_TIMEOUT_MS } from "./clients.ts";
import { FetchHandler } from "./fetch-handler.ts";

interface Handler {
  handle(...args: never[]): unknown;
}

// biome-ignore lint/complexity/noStaticOnlyClass: the SDK calls NodeHttpHandler.create()
export class NodeHttpHandler {
  /** The handler given, or (a client made without one: tests) one on fetch. */
  static create(given?: unknown): Handler {
    if (typeof (given as Partial<Handler> | undefined)?.handle === "function") {
      return given as Handler;
    }
    return new FetchHandler({ answerTimeoutMs: ANSWER_TIMEOUT_MS });
  }
}

/** The SDK's body collector: bodies from fetch-handler.ts are bytes already. */
export async function streamCollector(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ReadableStream) return readCapped(body);
  throw new TypeError("awsmfa's SDK transport collects only bytes and web streams");
}
