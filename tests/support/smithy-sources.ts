/**
 * Where @smithy/core's ES module files are: the stand-ins' tests (tests/aws/sdk-*.test.ts) hold
 * awsmfa's stand-ins to these, the files the binary bundles and the stand-ins re-export (bun
 * test resolves the package's name to its CommonJS build, another class).
 */
import { join } from "node:path";

/** node_modules/@smithy/core/dist-es/submodules: serde, schema, config, retry, checksum... */
export const SMITHY_SUBMODULES = join(
  import.meta.dir,
  "..",
  "..",
  "node_modules",
  "@smithy",
  "core",
  "dist-es",
  "submodules",
);
