/**
 * The test-only entry point: awsmfa's real main() with fault hooks armed from
 * AWSMFA_TEST_FAULT (see fault-hooks.ts). binary.ts builds it into a binary of its own for the
 * crash tests; the shipped binary is built from src/main.ts and holds none of this.
 */
import { main } from "../../src/main.ts";
import { faultHooks } from "./fault-hooks.ts";

main((deps) => ({
  ...deps,
  hooks: faultHooks(deps.env.AWSMFA_TEST_FAULT ?? "", (code) => process.exit(code)),
}));
