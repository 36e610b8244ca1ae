/** The login's success line: the local clock time only when a person reads it at a terminal. */
import { expect, test } from "bun:test";
import { newSessionLineSetUp, reportSession } from "../../src/session/messages.ts";
import { setUpLocalTime } from "../../src/ui/clock-time.ts";
import { TEST_NOW, testDeps } from "../support/test-deps.ts";

const session = {
  accessKeyId: "ASIAEXAMPLE",
  secretAccessKey: "secret",
  sessionToken: "token",
  expiration: new Date(TEST_NOW + 12 * 3600_000),
};

test("at a terminal: the duration and the clock time", () => {
  const { deps, stderr } = testDeps({ stderrIsTTY: true, env: { NO_COLOR: "1" } });
  reportSession("prod", session, false, deps);
  expect(stderr()).toMatch(/^✓ New session for prod, valid for 12h00m \(until \d\d:\d\d\)\n$/);
});

test("captured (a script, a log): the duration only, no time-zone work", () => {
  const { deps, stderr } = testDeps({ stderrIsTTY: false });
  reportSession("prod", session, false, deps);
  expect(stderr()).toBe("✓ New session for prod, valid for 12h00m\n");
  reportSession("prod", session, true, deps);
  expect(stderr()).toEndWith("Reusing session for prod, valid for 12h00m\n");
});

test("the time-zone set-up is handed ahead (done while AWS answers) only at a terminal", () => {
  expect(newSessionLineSetUp(testDeps({ stderrIsTTY: true }).deps)).toBe(setUpLocalTime);
  expect(newSessionLineSetUp(testDeps({ stderrIsTTY: false }).deps)).toBeUndefined();
});
