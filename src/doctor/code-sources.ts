/**
 * Which one-time-code sources could work here. For now a look at PATH for the programs the
 * sources use; when src/otp/registry.ts lists the sources, this becomes a loop over their
 * `available()` and nothing else in doctor changes.
 */
import type { Deps } from "../deps.ts";
import { findExecutable } from "../which.ts";
import { type Finding, info, ok } from "./finding.ts";

export interface CodeSource {
  name: string;
  label: string;
  /** Where it was found, or undefined when it cannot work here. */
  found: string | undefined;
}

const PROGRAMS = [
  { name: "op", label: "1Password CLI" },
  { name: "bw", label: "Bitwarden CLI" },
  { name: "ykman", label: "YubiKey Manager" },
  { name: "pass", label: "pass (with pass-otp)" },
] as const;

export async function codeSources(
  deps: Pick<Deps, "env" | "fs" | "platform">,
): Promise<CodeSource[]> {
  return Promise.all(
    PROGRAMS.map(async (program) => ({
      name: program.name,
      label: program.label,
      found: await findExecutable(program.name, deps),
    })),
  );
}

export async function checkCodeSources(
  deps: Pick<Deps, "env" | "fs" | "platform">,
): Promise<Finding[]> {
  const findings = [ok("prompt: you type the code (always available)")];
  for (const source of await codeSources(deps)) {
    findings.push(
      source.found
        ? ok(`${source.name}: ${source.label}, ${source.found}`)
        : info(`${source.name}: ${source.label}, not installed`),
    );
  }
  return findings;
}
