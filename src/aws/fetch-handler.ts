/**
 * The SDK's request handler, on the runtime's fetch: how every STS and IAM call reaches AWS.
 *
 * Why not the SDK's NodeHttpHandler: on Bun, node:http and node:https are a compatibility layer
 * that costs a fresh login ~10 ms of its ~40 (loading node:https with net and tls, a
 * ClientRequest, the socket and stream work, the agent destroyed; docs/performance.md).
 * fetch is the runtime's own client. What NodeHttpHandler guaranteed, this keeps:
 *
 * - A deadline for the answer to start: its headers within `answerTimeoutMs` of the request
 *   (NodeHttpHandler's requestTimeout, which counted from the request too; its separate
 *   connect timeout is inside this one, as fetch does not say when it has connected).
 *   Then the same time between two pieces of the body: a body that stops coming fails the
 *   attempt (retried) instead of waiting for the call's overall deadline (clients.ts
 *   withDeadline, which aborts the signal given here and still bounds a body that drips).
 * - The same errors: fetch's ECONNREFUSED, ECONNRESET, EPIPE and ETIMEDOUT carry the name
 *   TimeoutError, as NodeHttpHandler gives them, so the SDK's standard retry treats them as
 *   transient exactly as before and errors.ts says the same words.
 * - The answer's size cap (capped-answer.ts). The body is handed to the SDK collected, which is
 *   how its deserialisers want it anyway, and as sent: no content encoding asked for, none
 *   undone (the cap is on the bytes that came).
 *
 * And one thing it adds: fetch honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY, as the AWS CLI
 * and boto3 do (README, Environment); AWS_CA_BUNDLE / ca_bundle are given to it as `tls.ca`.
 */
import { buildQueryString } from "@smithy/core/protocols";
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from "@smithy/types";
import { MAX_ANSWER_BYTES, readCapped } from "./capped-answer.ts";

/** The errors NodeHttpHandler renames TimeoutError (its NODEJS_TIMEOUT_ERROR_CODES). */
const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"]);

export interface FetchHandlerOptions {
  /** How long the answer may take to start (its status and headers), and then between two
   * pieces of its body, in ms. */
  answerTimeoutMs: number;
  /** The most bytes an answer's body may have. */
  maxAnswerBytes?: number;
  /** PEM certificates trusted instead of the built-in CAs (AWS_CA_BUNDLE, ca-bundle.ts). */
  ca?: string[];
}

/** Thrown when no answer started, or its body stopped, within the timeout; named as
 * NodeHttpHandler names its request timeout, so the SDK retries it. */
export class AnswerTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(ms: number) {
    super(`no answer within ${ms / 1000} s`);
    this.name = "TimeoutError";
  }
}

export class FetchHandler {
  private config: FetchHandlerOptions;

  constructor(options: FetchHandlerOptions) {
    this.config = { ...options };
  }

  async handle(
    request: HttpRequest,
    options: HttpHandlerOptions = {},
  ): Promise<{ response: HttpResponse }> {
    // The SDK's own AbortSignal type describes the runtime's: withDeadline passes a real one.
    const outer = options.abortSignal as AbortSignal | undefined;
    if (outer?.aborted) throw abortError(outer);
    // One signal for fetch: the caller's (the call's deadline) or this attempt's timeout.
    const attempt = new AbortController();
    const ms = this.config.answerTimeoutMs;
    let timedOut = false;
    const expire = () => {
      timedOut = true;
      attempt.abort();
    };
    let timer = setTimeout(expire, ms);
    const onOuterAbort = () => attempt.abort();
    // What a failed fetch or body read is, as NodeHttpHandler would have rejected with it.
    const failure = (error: unknown) => {
      if (timedOut) return new AnswerTimeoutError(ms);
      if (outer?.aborted) return abortError(outer);
      return asNodeHandlerError(error);
    };
    outer?.addEventListener("abort", onOuterAbort, { once: true });
    try {
      let answer: Response;
      try {
        answer = await fetch(urlOf(request), {
          method: request.method,
          headers: headersOf(request),
          body: bodyOf(request),
          signal: attempt.signal,
          redirect: "manual",
          // The body as sent, as NodeHttpHandler gave it: fetch would otherwise decompress it,
          // and fail a mislabelled one with a ZlibError (and a line of its own on stderr).
          decompress: false,
          ...(this.config.ca ? { tls: { ca: this.config.ca } } : {}),
        });
      } catch (error) {
        throw failure(error);
      } finally {
        clearTimeout(timer);
      }
      // The idle timer: restarted by each piece of the body.
      const idle = () => {
        clearTimeout(timer);
        timer = setTimeout(expire, ms);
      };
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        headers[name] = value;
      });
      let body: Uint8Array;
      try {
        idle();
        const limit = this.config.maxAnswerBytes ?? MAX_ANSWER_BYTES;
        body = await readCapped(answer.body, limit, idle);
      } catch (error) {
        throw failure(error);
      } finally {
        clearTimeout(timer);
      }
      return {
        response: { statusCode: answer.status, reason: answer.statusText, headers, body },
      };
    } finally {
      outer?.removeEventListener("abort", onOuterAbort);
    }
  }

  /** The SDK's HttpHandler interface: the client's extensions may read or change the config. */
  updateHttpClientConfig(key: keyof FetchHandlerOptions, value: number): void {
    this.config = { ...this.config, [key]: value };
  }

  httpHandlerConfigs(): FetchHandlerOptions {
    return this.config;
  }

  /** fetch's connections are the runtime's; awsmfa exits when its call is done. */
  destroy(): void {}
}

/** The request's URL, its query encoded as the SDK signed it. */
function urlOf(request: HttpRequest): string {
  const query = request.query ? buildQueryString(request.query) : "";
  const port = request.port ? `:${request.port}` : "";
  const fragment = request.fragment ? `#${request.fragment}` : "";
  return `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ""}${fragment}`;
}

/**
 * The SDK's headers, asking for the answer unencoded unless they say otherwise: fetch would ask
 * for gzip, deflate, br and zstd; NodeHttpHandler asked for nothing, the AWS CLI asks for
 * identity, and with decompress off an encoded answer could not be read.
 */
function headersOf(request: HttpRequest): Record<string, string> {
  const asked = Object.keys(request.headers).some(
    (name) => name.toLowerCase() === "accept-encoding",
  );
  return asked ? request.headers : { "accept-encoding": "identity", ...request.headers };
}

/** The body as the SDK serialised it (a string or bytes for STS and IAM), never for GET. */
function bodyOf(request: HttpRequest): string | Uint8Array | undefined {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  return (request.body ?? undefined) as string | Uint8Array | undefined;
}

/** fetch's network errors as NodeHttpHandler would have rejected with them. */
function asNodeHandlerError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === "string" && TRANSIENT_CODES.has(code)) {
    error.name = "TimeoutError";
  }
  return error;
}

/** What NodeHttpHandler rejects with when the signal is aborted (its buildAbortError). */
function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error) {
    const error = new Error("Request aborted");
    error.name = "AbortError";
    error.cause = reason;
    return error;
  }
  const error = new Error(typeof reason === "string" ? reason : "Request aborted");
  error.name = "AbortError";
  return error;
}
