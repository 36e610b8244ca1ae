/** Version and commit, embedded by build.ts with --define; development runs fall back. */
import pkg from "../../package.json" with { type: "json" };
import type { BuildInfo } from "../deps.ts";

declare const AWSMFA_BUILD: BuildInfo | undefined;

export function buildInfo(): BuildInfo {
  if (typeof AWSMFA_BUILD !== "undefined" && AWSMFA_BUILD) return AWSMFA_BUILD;
  return { version: pkg.version, commit: "dev" };
}
