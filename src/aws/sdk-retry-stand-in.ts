// @ts-nocheck: it re-exports the SDK's own ES module files, which have no types beside them.
/**
 * What stands in for @smithy/core/retry wherever the AWS SDK imports it, in the binary
 * (tsconfig.build.json "paths", as for sdk-transport-stand-in.ts): the package's
 * dist-es/submodules/retry/index.js, export for export, from the same files, but for one
 * import. That index binds the retry middleware to an isStreamingPayload whose module imports
 * node:stream when it loads (~1.5-1.9 ms of a fresh login's CPU on Bun); here it is bound to
 * aws/sdk-stream-checks.ts's, which gives the same answers and loads node:stream only for a
 * body that is an object of no other kind.
 *
 * Written for @smithy/core 3.41: an SDK update that adds an export other SDK code imports fails
 * the build ("No matching export"), not the user; tests/aws/sdk-stand-ins.test.ts compares
 * this list with the package's index.
 */

import {
  bindGetRetryPlugin,
  bindRetryMiddleware,
} from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/retryMiddleware.js";
import { isStreamingPayload } from "./sdk-stream-checks.ts";

export {
  CONFIG_MAX_ATTEMPTS,
  CONFIG_RETRY_MODE,
  ENV_MAX_ATTEMPTS,
  ENV_RETRY_MODE,
  NODE_MAX_ATTEMPT_CONFIG_OPTIONS,
  NODE_RETRY_MODE_CONFIG_OPTIONS,
  resolveRetryConfig,
} from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/configurations.js";
export {
  getOmitRetryHeadersPlugin,
  omitRetryHeadersMiddleware,
  omitRetryHeadersMiddlewareOptions,
} from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/omitRetryHeadersMiddleware.js";
export { getRetryAfterHint } from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/parseRetryAfterHeader.js";
export { AdaptiveRetryStrategy as DeprecatedAdaptiveRetryStrategy } from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/retry-pre-sra-deprecated/AdaptiveRetryStrategy.js";
export { defaultDelayDecider } from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/retry-pre-sra-deprecated/delayDecider.js";
export { defaultRetryDecider } from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/retry-pre-sra-deprecated/retryDecider.js";
export { StandardRetryStrategy as DeprecatedStandardRetryStrategy } from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/retry-pre-sra-deprecated/StandardRetryStrategy.js";
export { retryMiddlewareOptions } from "../../node_modules/@smithy/core/dist-es/submodules/retry/middleware-retry/retryMiddleware.js";
export {
  isBrowserNetworkError,
  isClockSkewCorrectedError,
  isClockSkewError,
  isNodeJsHttp2TransientError,
  isRetryableByTrait,
  isServerError,
  isThrottlingError,
  isTransientError,
} from "../../node_modules/@smithy/core/dist-es/submodules/retry/service-error-classification/service-error-classification.js";
export { AdaptiveRetryStrategy } from "../../node_modules/@smithy/core/dist-es/submodules/retry/util-retry/AdaptiveRetryStrategy.js";
export { ConfiguredRetryStrategy } from "../../node_modules/@smithy/core/dist-es/submodules/retry/util-retry/ConfiguredRetryStrategy.js";
export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_MODE,
  RETRY_MODES,
} from "../../node_modules/@smithy/core/dist-es/submodules/retry/util-retry/config.js";
export {
  DEFAULT_RETRY_DELAY_BASE,
  INITIAL_RETRY_TOKENS,
  INVOCATION_ID_HEADER,
  MAXIMUM_RETRY_DELAY,
  NO_RETRY_INCREMENT,
  REQUEST_HEADER,
  RETRY_COST,
  THROTTLING_RETRY_DELAY_BASE,
  TIMEOUT_RETRY_COST,
} from "../../node_modules/@smithy/core/dist-es/submodules/retry/util-retry/constants.js";
export { DefaultRateLimiter } from "../../node_modules/@smithy/core/dist-es/submodules/retry/util-retry/DefaultRateLimiter.js";
export { Retry } from "../../node_modules/@smithy/core/dist-es/submodules/retry/util-retry/retries-2026-config.js";
export { StandardRetryStrategy } from "../../node_modules/@smithy/core/dist-es/submodules/retry/util-retry/StandardRetryStrategy.js";
export const retryMiddleware = bindRetryMiddleware(isStreamingPayload);
export const getRetryPlugin = bindGetRetryPlugin(isStreamingPayload);
