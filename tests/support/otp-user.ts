/**
 * A login-world user with the fake code tools (fake-otp-tools.ts) on PATH, its device known
 * to them as the item "AWS prod", and the profile's config extended with awsmfa_* keys.
 */
import { type FakeOtpTools, fakeOtpTools } from "./fake-otp-tools.ts";
import type { LoginUser, LoginWorld, UserSetup } from "./login-world.ts";
import type { RunOptions, RunResult } from "./run-binary.ts";

export const ITEM = "AWS prod";

export interface OtpUser extends LoginUser {
  tools: FakeOtpTools;
  /** Runs the binary with the fakes on PATH, in `mode` (default "ok"). */
  runWith(mode: string, args: readonly string[], options?: Partial<RunOptions>): Promise<RunResult>;
  /** Adds lines to [profile prod] (the last section of the sandbox config). */
  configure(...lines: string[]): void;
  /** GetSessionToken calls made with this user's keys. */
  sessionCalls(): { status: number; errorCode?: string; at: number }[];
}

export function otpUser(world: LoginWorld, setup: UserSetup = {}): OtpUser {
  const user = world.user(setup);
  const tools = fakeOtpTools(user.sandbox.home, world.aws.url, user.sandbox.env.PATH ?? "");
  tools.item(ITEM, user.serial);
  return {
    ...user,
    tools,
    runWith: (mode, args, options = {}) =>
      user.run(args, { ...options, env: { ...tools.env(mode), ...(options.env ?? {}) } }),
    configure: (...lines) =>
      user.sandbox.writeConfig(`${user.sandbox.readConfig()}${lines.join("\n")}\n`),
    sessionCalls: () =>
      world.aws.calls.filter(
        (c) => c.accessKeyId === user.user.accessKeyId && c.action === "GetSessionToken",
      ),
  };
}
