/**
 * The cached fast path: `awsmfa PROFILE`, `credential-process PROFILE` and `prompt` run at
 * every shell prompt and every SDK call, so a run that only reads a cached session must not
 * pay for commander, the command modules, fs/promises or child_process (about 20 ms of the
 * 26 it took). main.ts tries this first; `undefined` means "run the full CLI", which then
 * does everything again from the start, so anything unusual behaves exactly as it always did.
 * The e2e suite runs against a binary built without this path too (.ci/stages/60-full-path.sh)
 * to prove the two print the same.
 */
import { DEFAULT_TEMPLATE, promptSegment } from "../../output/prompt-segment.ts";
import type { FastInvocation } from "./invocation.ts";
import { type FastFacts, fastWorld } from "./world.ts";

export type { FastFacts } from "./world.ts";

/**
 * Runs a line fastInvocation() recognised; undefined when the full CLI must run it after all.
 * main.ts imports this module only for such a line, so other commands do not load it.
 */
export async function fastRun(
  invocation: FastInvocation,
  facts: FastFacts,
): Promise<number | undefined> {
  return attempt(facts, (deps) => runInvocation(invocation, deps));
}

/**
 * One tier's try, in a world of its own: its output is written only when it finishes, so a
 * tier that falls through leaves no trace for the next one (or the full CLI).
 */
async function attempt(
  facts: FastFacts,
  run: (deps: ReturnType<typeof fastWorld>["deps"]) => Promise<number>,
): Promise<number | undefined> {
  const world = fastWorld(facts);
  let code: number;
  try {
    code = await run(world.deps);
  } catch {
    // FallThrough, or any error at all: the next tier, or the full CLI, says it the way it
    // always has.
    return undefined;
  }
  world.flush();
  return code;
}

async function runInvocation(
  invocation: FastInvocation,
  deps: ReturnType<typeof fastWorld>["deps"],
): Promise<number> {
  switch (invocation.kind) {
    // The session graph (files, cache, plan) loads only for these: prompt needs none of it.
    case "login":
      return (await import("./session.ts")).fastLogin(invocation, deps);
    case "credential-process":
      return (await import("./session.ts")).fastCredentialProcess(invocation.profile, deps);
    case "prompt": {
      // As prompt.ts: the flag, else AWSMFA_PROMPT_TEMPLATE when not empty, else the default.
      const template = invocation.template ?? (deps.env.AWSMFA_PROMPT_TEMPLATE || DEFAULT_TEMPLATE);
      const segment = promptSegment(deps.env, deps.clock.now(), template);
      if (segment !== "") deps.io.stdout.write(`${segment}\n`);
      return 0;
    }
  }
}
