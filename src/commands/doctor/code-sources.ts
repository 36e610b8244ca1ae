/**
 * Which one-time-code sources could work here: the sources of the registry (otp/registry.ts),
 * each asked whether it is available, as `awsmfa sources` does. Nothing is run and nothing is
 * unlocked: availability looks at PATH, the terminal and the environment only.
 */
import type { Deps } from "../../deps.ts";
import { selectableSources } from "../../otp/registry.ts";
import { type Finding, info, ok } from "./finding.ts";

export async function checkCodeSources(deps: Deps): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const kind of selectableSources()) {
    const availability = await kind.availability(deps);
    const line = `${kind.name}: ${availability.detail}`;
    findings.push(availability.available ? ok(line) : info(line));
  }
  return findings;
}
