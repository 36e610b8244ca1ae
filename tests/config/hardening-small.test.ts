/** Issue 11, item 16: the smaller defects that are pure functions. */
import { expect, test } from "bun:test";
import { resolveRegion } from "../../src/aws/region.ts";
import { checkSessionDuration, exactDuration } from "../../src/config/durations.ts";
import { UsageError, UserError } from "../../src/errors.ts";

test("--duration 899 is said as 14m59s, not a rounded 15m", () => {
  expect(() => checkSessionDuration(899)).toThrow("14m59s (899 s) was asked for");
  expect(exactDuration(129_601)).toBe("36h00m01s");
  expect(exactDuration(900)).toBe("15m");
});

test("a bad region in the profile is configuration (exit 3); on the command line usage (2)", () => {
  const fromProfile = (() => {
    try {
      resolveRegion({ profile: "eu-west-1; rm", env: {} } as never);
    } catch (e) {
      return e;
    }
  })();
  expect(fromProfile).toBeInstanceOf(UserError);
  expect(fromProfile).not.toBeInstanceOf(UsageError);
  expect((fromProfile as UserError).code).toBe("config");
  expect(() => resolveRegion({ flag: "nowhere", env: {} } as never)).toThrow(UsageError);
});
