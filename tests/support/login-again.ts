/**
 * The check that ends every test of a login left at its code prompt (cancelled, killed, timed
 * out): the next login in the same terminal asks for its code at once, with no wait on a lock
 * left behind, and succeeds.
 */
import { expect } from "bun:test";
import type { LoginUser } from "./login-world.ts";
import type { ShellSession } from "./tmux.ts";

export async function expectNextLoginAsksAtOnce(
  session: ShellSession,
  binary: string,
  user: LoginUser,
): Promise<void> {
  await session.start(`echo NE""XT; '${binary}' login prod --format sh >/dev/null; echo "rc2=$?"`);
  const again = (await session.waitFor(/NEXT[\s\S]*MFA code for prod/, 5_000)).split("NEXT")[1];
  expect(again).not.toContain("Waiting for another awsmfa");
  await session.type(user.code());
  await session.press("Enter");
  expect(await session.waitFor(/rc2=\d/, 15_000)).toContain("rc2=0");
}
