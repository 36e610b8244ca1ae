/** NameTable numbers names in the order they come, and finds them by a range of a text. */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { NameTable } from "../../src/ini/name-table.ts";

test("numbers each name once, in order, and finds it by any text that holds it", () => {
  const names = new NameTable();
  expect(names.add("[profile dev]", 9, 12)).toBe(0);
  expect(names.addName("prod")).toBe(1);
  expect(names.add("x dev y", 2, 5)).toBe(0);
  expect(names.addName("")).toBe(2);
  expect(names.names).toEqual(["dev", "prod", ""]);
  expect(names.size).toBe(3);
  expect(names.find("devops", 0, 3)).toBe(0);
  expect(names.find("devops", 0, 4)).toBe(-1);
  expect(names.find("pro", 0, 3, "d")).toBe(1);
  expect(names.find("", 0, 0)).toBe(2);
});

test("agrees with a Map on random names, through many growths", () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: "binary", maxLength: 6 }), { maxLength: 3000 }),
      fc.array(fc.string({ maxLength: 6 }), { maxLength: 50 }),
      (added, asked) => {
        const names = new NameTable();
        const map = new Map<string, number>();
        for (const name of added) {
          if (!map.has(name)) map.set(name, map.size);
          expect(names.addName(name)).toBe(map.get(name)!);
        }
        expect(names.names).toEqual([...map.keys()]);
        for (const name of [...asked, ...added.slice(0, 50)]) {
          const text = `<${name}>`;
          expect(names.find(text, 1, text.length - 1)).toBe(map.get(name) ?? -1);
          for (const base of [...map.keys()].slice(0, 20)) {
            expect(names.find(base, 0, base.length, name)).toBe(map.get(base + name) ?? -1);
          }
        }
      },
    ),
    { numRuns: 60 },
  );
});
