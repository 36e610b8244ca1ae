// @ts-nocheck: it re-exports the SDK's own ES module files, which have no types beside them.
/**
 * What stands in for @smithy/core/schema wherever the AWS SDK imports it, in the binary
 * (tsconfig.build.json "paths", as for sdk-serde-stand-in.ts): the package's index, export for
 * export, with NormalizedSchema's structIterator from aws/sdk-struct-members.ts. The package's
 * is a generator, the only one a fresh login runs: JavaScriptCore compiles its generator
 * built-ins (resume, next, `yield*`) from source at the first one in every run, ~0.3 ms of a
 * compiled probe's CPU, for what is a walk over a short array. The replacement gives the same
 * members in the same order, cached the same way, as an array's iterator.
 *
 * Written for @smithy/core 3.41: an SDK update that adds an export other SDK code imports fails
 * the build ("No matching export"), not the user; tests/aws/sdk-stand-ins.test.ts compares
 * this list with the package's index and the members with the package's generator.
 */
import { NormalizedSchema } from "../../node_modules/@smithy/core/dist-es/submodules/schema/index.js";
import { useStructMembers } from "./sdk-struct-members.ts";

export * from "../../node_modules/@smithy/core/dist-es/submodules/schema/index.js";

useStructMembers(NormalizedSchema);
