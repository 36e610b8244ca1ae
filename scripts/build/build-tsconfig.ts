/**
 * The tsconfig the binary is bundled with (`--tsconfig-override`, and Bun.build's `tsconfig`
 * in the tests that bundle the program as the build does): tsconfig.json plus the "paths" that
 * put aws/sdk-transport-stand-in.ts where the AWS SDK imports @smithy/node-http-handler, and
 * aws/sdk-credential-chain-stand-in.ts where it imports @aws-sdk/credential-provider-node.
 *
 * Only the build: tsconfig.json itself has no such paths, because `bun test` and `bun run`
 * follow tsconfig paths into node_modules too, and programs the tests start as a user's would
 * (tests/e2e/support-exec-server/child-js.ts, the JS SDK's container provider) need the real
 * package.
 */
import { join } from "node:path";

export const BUILD_TSCONFIG = join(import.meta.dir, "..", "..", "tsconfig.build.json");
