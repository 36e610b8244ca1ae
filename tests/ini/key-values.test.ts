/** KeyValues: a value per profile and key, none by default, kept as the table grows. */
import { expect, test } from "bun:test";
import { KeyValues } from "../../src/ini/key-values.ts";

test("values set are read back; places never set, or set to none, read as none", () => {
  const values = new KeyValues(3, 1);
  values.set(0, 1, "a");
  values.set(5, 2, "b");
  values.set(0, 1, "c");
  values.set(5, 0, undefined);
  expect(values.get(0, 1)).toBe("c");
  expect(values.get(5, 2)).toBe("b");
  expect(values.get(0, 0)).toBeUndefined();
  expect(values.get(5, 0)).toBeUndefined();
  expect(values.get(1_000_000, 2)).toBeUndefined();
  values.set(0, 1, undefined);
  expect(values.get(0, 1)).toBeUndefined();
});

test("many profiles, set in any order, grow the table without losing a value", () => {
  const values = new KeyValues(4, 1);
  const order = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
  for (const profile of order) values.set(profile, profile % 4, `v${profile}`);
  for (let profile = 0; profile < 5000; profile++) {
    for (let k = 0; k < 4; k++) {
      expect(values.get(profile, k)).toBe(k === profile % 4 ? `v${profile}` : undefined);
    }
  }
});
