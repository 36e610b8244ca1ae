import { expect, test } from "bun:test";
import {
  describeHolder,
  formatLockRecord,
  HOLD_MARGIN_MS,
  isStale,
  type LockRecord,
  parseLockRecord,
} from "../../src/fs/lock-record.ts";
import type { Identity } from "../../src/fs/options.ts";

const now = Date.UTC(2030, 0, 2, 3, 4, 5);
const staleMs = 30_000;
const hour = 3_600_000;
const alive = new Set([100, 200]);
const me: Identity = { pid: 100, host: "laptop", isAlive: (pid) => alive.has(pid) };
const blind: Identity = { ...me, isAlive: undefined };

function record(fields: Partial<LockRecord>): LockRecord {
  return { pid: 200, host: "laptop", time: now - 1000, token: "t", ...fields };
}

const cases: [string, LockRecord | null, number, Identity, boolean][] = [
  ["live holder on this host", record({}), 0, me, false],
  ["dead holder on this host", record({ pid: 300 }), 0, me, true],
  ["dead holder, but liveness cannot be checked", record({ pid: 300 }), 0, blind, false],
  ["holder on another host (cannot check)", record({ pid: 300, host: "ci" }), 0, me, false],
  ["this very process (not re-entrant)", record({ pid: 100 }), 0, me, false],
  ["unknown pid 0", record({ pid: 0 }), 0, me, false],
  ["live holder older than staleMs: kept", record({ time: now - staleMs - 1 }), 0, me, false],
  [
    "live holder a day old (a clock jumped): kept",
    record({ time: now - 86_400_000 }),
    0,
    me,
    false,
  ],
  ["dead holder, lock from the future", record({ pid: 300, time: now + 60_000 }), 0, me, true],
  [
    "dead holder, liveness unknown, older than staleMs",
    record({ pid: 300, time: 0 }),
    0,
    blind,
    true,
  ],
  ["this very process, older than staleMs", record({ pid: 100, time: 0 }), 0, me, false],
  ["pid 0, exactly staleMs old", record({ pid: 0, time: now - staleMs }), 0, me, false],
  ["pid 0, older than staleMs", record({ pid: 0, time: now - staleMs - 1 }), 0, me, true],
  ["other host, older than staleMs", record({ host: "ci", time: now - 60_000 }), 0, me, true],
  // A holder that said how long it may hold the lock (--otp-timeout 10m) keeps it till then.
  [
    "other host, older than staleMs, within its own until",
    record({ host: "ci", time: now - 60_000, until: now + 60_000 }),
    0,
    me,
    false,
  ],
  [
    "other host, within HOLD_MARGIN_MS past its until",
    record({ host: "ci", time: now - 600_000, until: now - HOLD_MARGIN_MS }),
    0,
    me,
    false,
  ],
  [
    "other host, past its until and the margin",
    record({ host: "ci", time: now - 600_000, until: now - HOLD_MARGIN_MS - 1 }),
    0,
    me,
    true,
  ],
  [
    "dead holder, until ahead: gone is gone",
    record({ pid: 300, until: now + 60_000 }),
    0,
    me,
    true,
  ],
  // Believed only as far as the waiters follow it (maxHoldMs, here an hour): a holder on a
  // host nobody can check that died saying "36 h" (--otp-timeout 12h) or 1e300 (a broken
  // lock file) is not waited for past that, however far its word reaches.
  [
    "other host, until 36 h ahead, taken an hour and the margin ago",
    record({ host: "ci", time: now - hour - HOLD_MARGIN_MS - 1, until: now + 35 * hour }),
    0,
    me,
    true,
  ],
  [
    "other host, until 1e300, taken an hour and the margin ago",
    record({ host: "ci", time: now - hour - HOLD_MARGIN_MS - 1, until: 1e300 }),
    0,
    me,
    true,
  ],
  [
    "other host, until 1e300, taken within the hour",
    record({ host: "ci", time: now - hour + 1, until: 1e300 }),
    0,
    me,
    false,
  ],
  ["unreadable, fresh (being written)", null, now - 5, me, false],
  ["unreadable, older than staleMs", null, now - staleMs - 1, me, true],
];

test.each(cases)("isStale: %s", (_label, holder, mtimeMs, identity, stale) => {
  expect(isStale({ record: holder, mtimeMs }, identity, now, staleMs, hour)).toBe(stale);
});

test("a lock whose waiters follow no holder's word (maxHoldMs 0) goes stale by its time", () => {
  const far = record({ host: "ci", time: now - staleMs - HOLD_MARGIN_MS - 1, until: 1e300 });
  expect(isStale({ record: far, mtimeMs: 0 }, me, now, staleMs)).toBe(true);
});

test.each([
  [
    "throws",
    () => {
      throw new Error("no /proc here");
    },
  ],
  ["says it does not know", () => undefined as unknown as boolean],
])("a liveness check that %s does not count as the holder's death", (_label, isAlive) => {
  const unsure: Identity = { ...me, isAlive };
  expect(isStale({ record: record({ pid: 300 }), mtimeMs: 0 }, unsure, now, staleMs)).toBe(false);
});

test("a record survives formatting and parsing, with a readable time for people", () => {
  const original = record({ pid: 4321, host: 'h ö"st', token: "abc123" });
  const text = formatLockRecord(original);
  expect(text.endsWith("\n")).toBe(true);
  expect(JSON.parse(text).at).toBe("2030-01-02T03:04:04.000Z");
  expect(parseLockRecord(text)).toEqual(original);
});

test.each([
  ["empty (the holder has not written yet)", ""],
  ["half written", '{"pid":12,"ho'],
  ["not an object", "12\n"],
  ["pid not a number", '{"pid":"12","host":"h","time":1,"token":"t"}'],
  ["no token", '{"pid":12,"host":"h","time":1}'],
  ["some other program's lock", "locked by vim\n"],
])("parseLockRecord: %s is not a record", (_label, text) => {
  expect(parseLockRecord(text)).toBeNull();
});

test.each([
  [record({ pid: 200 }), "pid 200 since 2030-01-02T03:04:04.000Z"],
  [record({ pid: 200, host: "ci" }), "pid 200 on ci since 2030-01-02T03:04:04.000Z"],
  [record({ pid: 0 }), "a process since 2030-01-02T03:04:04.000Z"],
  [null, "an unknown process"],
  // Any JSON number parses, but a Date holds only ±8.64e15 ms: no RangeError for these.
  [
    record({ pid: 200, until: 1e300 }),
    "pid 200 since 2030-01-02T03:04:04.000Z, which may hold it until 1e+300 ms since 1970 (no real time)",
  ],
  [record({ pid: 200, time: -1e300 }), "pid 200 since -1e+300 ms since 1970 (no real time)"],
])("describeHolder %#", (holder, words) => {
  expect(describeHolder(holder, me)).toBe(words);
});
