/** Reading the one code out of what a tool printed: tables and properties. */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { readCode } from "../../src/otp/read-code.ts";

describe("readCode", () => {
  test.each([
    ["123456\n", "123456"],
    ["  042017  \r\n", "042017"],
    ["Code: 123456", "123456"],
    ["Amazon Web Services:alice@123456789012  654321\n", "654321"],
    ["\x1b[32m000000\x1b[0m\n", "000000"],
  ])("%j holds the code %s", (output, code) => {
    expect(readCode(output)).toEqual({ kind: "code", code });
  });

  test.each([
    ["", { kind: "none" }],
    ["12345\n", { kind: "none" }],
    ["1234567\n", { kind: "none" }],
    ["account 123456789012\n", { kind: "none" }],
    ["123 456\n", { kind: "none" }],
    ["error: vault locked\n", { kind: "none" }],
    ["123456\n654321\n", { kind: "several", count: 2 }],
    ["123456\n123456\n", { kind: "several", count: 2 }],
  ])("%j is not one code", (output, reading) => {
    expect(readCode(output)).toEqual(reading as never);
  });

  // Noise here never contains a digit, so the one code in it must be found whatever surrounds it.
  const noise = fc.string({ unit: fc.constantFrom(..."abc XYZ:\n\t-_.@/\u00e9\u2603") });
  const code = fc.stringMatching(/^\d{6}$/);

  test("property: one code among any non-digit noise is found", () => {
    fc.assert(
      fc.property(noise, code, noise, (before, c, after) => {
        expect(readCode(before + c + after)).toEqual({ kind: "code", code: c });
      }),
    );
  });

  test("property: two codes separated by noise are never read as one", () => {
    fc.assert(
      fc.property(
        noise,
        code,
        noise.filter((s) => s.length > 0),
        code,
        (a, c1, sep, c2) => {
          expect(readCode(a + c1 + sep + c2).kind).toBe("several");
        },
      ),
    );
  });

  test("property: a run of digits of any other length is never a code", () => {
    fc.assert(
      fc.property(
        noise,
        fc.stringMatching(/^\d{1,20}$/).filter((d) => d.length !== 6),
        noise,
        (a, digits, b) => {
          expect(readCode(a + digits + b).kind).toBe("none");
        },
      ),
    );
  });
});
