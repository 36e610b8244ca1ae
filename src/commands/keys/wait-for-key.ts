/**
 * IAM is eventually consistent: a key CreateAccessKey just made may be refused by STS for some
 * seconds. Ask GetCallerIdentity with it until STS says yes, backing off, for at most ~15 s.
 */
import type { Credentials } from "../../aws/credentials.ts";
import { type AwsCallTarget, getCallerIdentity } from "../../aws/sts.ts";
import type { Deps } from "../../deps.ts";

export const KEY_WAIT_MS = 15_000;

export async function waitUntilAccepted(
  keys: Credentials,
  sts: AwsCallTarget,
  deps: Pick<Deps, "clock">,
  deadlineMs = KEY_WAIT_MS,
): Promise<boolean> {
  const end = deps.clock.now() + deadlineMs;
  let pause = 250;
  for (;;) {
    try {
      await getCallerIdentity(keys, sts);
      return true;
    } catch {
      // not yet known to STS (InvalidClientTokenId), or a blip: try again until the deadline
    }
    const left = end - deps.clock.now();
    if (left <= 0) return false;
    await deps.clock.sleep(Math.min(pause, left));
    pause = Math.min(pause * 2, 4000);
  }
}
