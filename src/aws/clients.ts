/**
 * STS and IAM clients. The SDK is imported here, lazily, so commands that never call AWS
 * (and the cached login path) never load it.
 *
 * Timeouts are tight on purpose: a person is waiting. Two attempts whose answer must start
 * within 4 s each keep a dead or black-holed endpoint under ~10 s in total. The same 4 s is the
 * longest pause allowed within the body, but a server that drips one byte every 2 s never trips
 * it, so every call also has one overall deadline (AWSMFA_AWS_TIMEOUT, default 10 s) that
 * covers connecting, retries and the whole body. The requests go out on fetch
 * (fetch-handler.ts).
 *
 * Every setting the SDK would otherwise look up in ~/.aws is given here, so that it never reads
 * the files itself: for each unset one (FIPS, dual-stack, retry mode, defaults mode, auth-scheme
 * preference, SigV4a region set, app id, clock-skew correction, configured endpoints) it parses
 * both files again, seven parses per call: 3.2 s per STS call at 100,000 profiles. It would also
 * read them for the profile in AWS_PROFILE, not the one awsmfa logs in to. awsmfa has already
 * resolved the endpoint (endpoints.ts) and the region.
 */
import { Sha256 } from "../system/hashes.ts";
import { shownUrl } from "../system/shown-url.ts";
import type { CaCertificates } from "./ca-bundle.ts";
import { type ClockOffset, recordClock } from "./clock-skew.ts";
import type { Credentials } from "./credentials.ts";

export interface ClientTarget {
  region: string;
  /** An endpoint override (AWS_ENDPOINT_URL_STS and friends). */
  endpoint?: string | undefined;
  /** AWS_USE_FIPS_ENDPOINT / use_fips_endpoint (endpoints.ts); off when not configured. */
  useFipsEndpoint?: boolean | undefined;
  /** AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint; off when not configured. */
  useDualstackEndpoint?: boolean | undefined;
  /** The --debug trace, if on. */
  trace?: ((line: string) => void) | undefined;
  /** The proxy the call goes through, NO_PROXY weighed (proxy-errors.ts proxySetting). */
  proxy?: string | undefined;
  /** The overall deadline of one call, retries and body included (ms). */
  deadlineMs?: number | undefined;
  /** AWS_CA_BUNDLE / ca_bundle: the certificates trusted instead of the built-in CAs. */
  caCertificates?: CaCertificates | undefined;
  /** The local clock: with it, every answer's Date header is compared with it (clock-skew.ts). */
  now?: (() => number) | undefined;
  /**
   * Work for the main thread while the call's first request is out (once per call): the wait
   * for AWS is the one time in a login it has nothing else to do (session/obtain.ts).
   */
  whileWaiting?: (() => void) | undefined;
}

/** How long an attempt's answer may take to start, connecting included, and then pause. */
export const ANSWER_TIMEOUT_MS = 4000;
export const MAX_ATTEMPTS = 2;
export const CALL_DEADLINE_MS = 10_000;

/** Thrown when a call has not finished by its deadline; errors.ts maps its name to exit 5. */
export class CallDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`no complete answer within ${Math.round(ms / 100) / 10} s`);
    this.name = "CallDeadline";
  }
}

/**
 * One SDK call with one overall deadline: `call` gets the signal to pass as `abortSignal`.
 * The race makes the deadline hold even if aborting does not reach a body still being read;
 * `destroy` (the client's) frees the socket either way.
 */
export async function withDeadline<O>(
  target: ClientTarget,
  call: (signal: AbortSignal) => Promise<O>,
  destroy: () => void,
): Promise<O> {
  const ms = target.deadlineMs ?? CALL_DEADLINE_MS;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CallDeadlineError(ms));
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    destroy();
  }
}

let handlerModule: Promise<typeof import("./fetch-handler.ts")> | undefined;
let stsModules: Promise<typeof import("./sts-sdk.ts")> | undefined;

/** The request handler's module, loaded once, with the SDK: a cached login never needs it. */
function loadHandler() {
  handlerModule ??= import("./fetch-handler.ts");
  return handlerModule;
}

function loadSts() {
  stsModules ??= import("./sts-sdk.ts");
  return stsModules;
}

/** IAM's SDK: the commands awsmfa sends (iam-sdk.ts), for `keys` and device discovery. */
function loadIam(): Promise<typeof import("./iam-sdk.ts")> {
  return import("./iam-sdk.ts");
}

/**
 * Starts loading what an STS call needs (the SDK chunk and the request handler, ~7 ms of a
 * fresh login) without waiting for it, for a login that waits for a person to type the code
 * (session/obtain.ts). stsClient awaits the same loading, and sees any failure.
 */
export function preloadStsClient(): void {
  Promise.all([loadSts(), loadHandler()]).catch(() => undefined);
}

async function clientConfig(credentials: Credentials, target: ClientTarget) {
  const { FetchHandler } = await loadHandler();
  // A bundle that cannot be used stops here, before any request (exit 3, ca-bundle.ts).
  const ca = await target.caCertificates?.();
  return {
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    maxAttempts: MAX_ATTEMPTS,
    retryMode: "standard",
    // "legacy" is what the SDK picks when defaults_mode is unset; with the retry mode and the
    // request handler given here, the mode decides nothing else.
    defaultsMode: "legacy" as const,
    useFipsEndpoint: target.useFipsEndpoint === true,
    useDualstackEndpoint: target.useDualstackEndpoint === true,
    ignoreConfiguredEndpointUrls: true,
    authSchemePreference: [] as string[],
    sigv4aSigningRegionSet: async () => undefined,
    userAgentAppId: async () => undefined,
    disableClockSkewCorrection: false,
    // SigV4's SHA-256 and HMAC without node:crypto on Bun (~1.1 ms of a fresh login's CPU to
    // load; system/hashes.ts), the same bytes as the SDK's own.
    sha256: Sha256,
    // Its answers are capped: an endless one must not grow the process to gigabytes.
    requestHandler: new FetchHandler({ answerTimeoutMs: ANSWER_TIMEOUT_MS, ...(ca ? { ca } : {}) }),
  };
}

export async function stsClient(credentials: Credentials, target: ClientTarget) {
  const sts = await loadSts();
  const client = new sts.STSClient(await clientConfig(credentials, target));
  // The answer's Date: expirations are in AWS's time, and a wrong local clock must not be
  // mistaken for a short session (clock-skew.ts).
  const clock: { reading?: ClockOffset | undefined } = {};
  if (target.now) recordClock(client, target.now, clock);
  if (target.whileWaiting) meanwhile(client, target.whileWaiting);
  return { sdk: sts, client: traced(client, target), clock };
}

export async function iamClient(credentials: Credentials, target: ClientTarget) {
  const iam = await loadIam();
  const client = new iam.IAMClient(await clientConfig(credentials, target));
  return { sdk: iam, client: traced(client, target) };
}

interface Traceable {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<{ response: unknown }>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<{ response: unknown }>,
      options: { step: "deserialize"; name: string; priority?: "low" },
    ): void;
  };
}

/**
 * Runs `work` once, right after the first request is handed to the request handler: the last
 * middleware before it, whose `next` reaches fetch without waiting, so the request is on its
 * way while `work` runs. A failure of `work` is not the call's.
 */
function meanwhile<C>(client: C, work: () => void): void {
  let done = false;
  (client as unknown as Traceable).middlewareStack.add(
    (next) => (args) => {
      const answer = next(args);
      if (!done) {
        done = true;
        try {
          work();
        } catch {
          // only ever a head start on later work, which will then pay for itself
        }
      }
      return answer;
    },
    { step: "deserialize", priority: "low", name: "awsmfaWhileWaiting" },
  );
}

/**
 * With --debug, says each request (per attempt: retries show) and its answer's HTTP status.
 * Only the operation, the endpoint and the status: never headers or bodies, which hold keys.
 */
function traced<C>(client: C, target: ClientTarget): C {
  const trace = target.trace;
  if (!trace) return client;
  // fetch sends through the proxy variables on its own: say so, or a proxy's answer (a 403, a
  // TLS-inspecting certificate) looks like AWS's. Said only when it applies to the host.
  const where =
    (target.endpoint ? shownUrl(target.endpoint) : `the ${target.region} endpoint`) +
    (target.proxy ? `; ${target.proxy}` : "");
  (client as unknown as Traceable).middlewareStack.add(
    (next, context) => async (args) => {
      const operation = context.commandName?.replace(/Command$/, "") ?? "request";
      trace(`${operation} -> ${where}`);
      try {
        const result = await next(args);
        const status = (result.response as { statusCode?: number }).statusCode;
        trace(`${operation} <- HTTP ${status ?? "?"}`);
        return result;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        trace(`${operation} <- ${e.$metadata?.httpStatusCode ?? "no answer"} ${e.name ?? "error"}`);
        throw error;
      }
    },
    { step: "deserialize", name: "awsmfaDebugTrace" },
  );
  return client;
}
