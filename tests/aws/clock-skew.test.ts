/** The clock arithmetic of aws/clock-skew.ts: the time left counted by AWS's clock. */
import { describe, expect, test } from "bun:test";
import {
  clockWarning,
  describeOffset,
  localExpiration,
  offsetFromDate,
  secondsLeftAt,
} from "../../src/aws/clock-skew.ts";

const HOUR = 3600_000;
const now = Date.parse("2026-11-20T12:00:00Z");

describe("secondsLeftAt", () => {
  const expiration = new Date(now - 13 * HOUR + 12 * HOUR); // AWS's now + 12 h, AWS 13 h behind
  const clock = { offsetMs: -13 * HOUR, measuredAt: now };

  test("a clock 13 h ahead: 12 h left by AWS's clock, not -1 h by ours", () => {
    expect(secondsLeftAt({ expiration, clock }, now)).toBe(12 * 3600);
    expect(secondsLeftAt({ expiration, clock }, now + HOUR)).toBe(11 * 3600);
    expect(secondsLeftAt({ expiration }, now)).toBe(-3600);
  });

  test("a clock set back since the offset was measured: the local clock is the better guess", () => {
    const fixed = now - 13 * HOUR + 10 * 60_000; // fixed, then 10 minutes passed
    expect(secondsLeftAt({ expiration, clock }, fixed)).toBe(12 * 3600 - 600);
  });

  test("an offset of a second is the Date header's rounding: ignored", () => {
    const e = new Date(now + 12 * HOUR);
    expect(secondsLeftAt({ expiration: e, clock: { offsetMs: 900, measuredAt: now } }, now)).toBe(
      12 * 3600,
    );
  });
});

describe("localExpiration", () => {
  test("shifted into this computer's clock from 30 s off; not below", () => {
    const expiration = new Date(now + 12 * HOUR);
    const ahead = { expiration, clock: { offsetMs: -13 * HOUR, measuredAt: now } };
    expect(localExpiration(ahead).getTime()).toBe(now + 25 * HOUR);
    const close = { expiration, clock: { offsetMs: 20_000, measuredAt: now } };
    expect(localExpiration(close)).toBe(expiration);
  });
});

describe("saying it", () => {
  test("offsetFromDate, describeOffset and the warning", () => {
    const offset = offsetFromDate("Fri, 20 Nov 2026 11:00:00 GMT", now, now)!;
    expect(Math.abs(offset + HOUR)).toBeLessThanOrEqual(1000); // the header has whole seconds
    expect(describeOffset(offset)).toBe("1h00m ahead of AWS");
    expect(describeOffset(24 * HOUR)).toBe("24h00m behind AWS");
    expect(offsetFromDate("not a date", now, now)).toBeUndefined();
    expect(clockWarning(10_000, "linux")).toBeUndefined();
    expect(clockWarning(-13 * HOUR, "linux")).toContain(
      "this computer's clock is 13h00m ahead of AWS",
    );
    expect(clockWarning(-13 * HOUR, "linux")).toContain("sudo timedatectl set-ntp true");
    expect(clockWarning(60_000, "darwin")).toContain("codes computed on this computer");
  });
});
