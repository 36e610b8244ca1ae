/**
 * DeviceTable (profiles/device-table.ts): has() answers what a Set of the devices answers, for
 * bytes anywhere in a larger array, with many devices (their slots collide) and with none.
 * The C loop probes the same table: tests/commands/list/fast-table.test.ts holds its rows to
 * the general readers' with hundreds of devices read ahead.
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { DeviceTable } from "../../src/profiles/device-table.ts";

const DEVICE = fc.oneof(
  fc.constantFrom("arn:aws:iam::1:mfa/a", "arn:aws:iam::1:mfa/b", "", "a", "ab", "GAHT1"),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }), // (a lone surrogate would be U+FFFD's bytes)
);

test("has() is membership in the devices, wherever the bytes stand", () => {
  fc.assert(
    fc.property(
      fc.array(DEVICE, { maxLength: 300 }),
      fc.array(DEVICE, { maxLength: 30 }),
      fc.string({ maxLength: 5 }),
      (devices, asked, pad) => {
        const table = new DeviceTable(devices);
        const set = new Set(devices);
        expect(table.count).toBe(devices.length);
        for (const device of [...asked, ...devices.slice(0, 10)]) {
          const bytes = Buffer.from(pad + device + pad, "utf8");
          const start = Buffer.byteLength(pad, "utf8");
          const length = Buffer.byteLength(device, "utf8");
          expect(table.has(bytes, start, length)).toBe(set.has(device));
        }
      },
    ),
    { numRuns: 300 },
  );
});
