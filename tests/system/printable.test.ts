import { describe, expect, test } from "bun:test";
import { printable, printableLine } from "../../src/system/printable.ts";
import { debugEnabled as debugOn } from "../../src/ui/debug.ts";
import { oneLine } from "../../src/ui/report.ts";

describe("printable", () => {
  test("keeps text, line breaks, tabs and colour; shows other controls as \\xHH", () => {
    expect(printable("a\tb\n\x1b[31mred\x1b[39m")).toBe("a\tb\n\x1b[31mred\x1b[39m");
    expect(printable("x\x1b]0;t\x07\x1b[2J\r\x9b")).toBe("x\\x1b]0;t\\x07\\x1b[2J\\x0d\\x9b");
    expect(printable("café ✓")).toBe("café ✓");
  });
  // Issue 11 item 16, another case: a colour sequence that hides text is not awsmfa's own.
  test("only awsmfa's own colours pass; conceal, black on black, cursor moves are shown", () => {
    expect(printable("\x1b[1mb\x1b[22m \x1b[2md\x1b[22m \x1b[32mg\x1b[39m")).toBe(
      "\x1b[1mb\x1b[22m \x1b[2md\x1b[22m \x1b[32mg\x1b[39m",
    );
    expect(printable("a\x1b[8mhidden")).toBe("a\\x1b[8mhidden");
    expect(printable("a\x1b[30;40mhidden\x1b[0m")).toBe("a\\x1b[30;40mhidden\\x1b[0m");
  });
  test("printableLine keeps the status-line redraw only", () => {
    expect(printableLine("\r\x1b[Kwaiting\r")).toBe("\r\x1b[Kwaiting\\x0d");
  });
});

describe("AWSMFA_DEBUG", () => {
  test("0, false, no, off and empty mean off", () => {
    for (const v of ["0", "false", "no", "off", "", " 0 ", "OFF"]) {
      expect(debugOn({ AWSMFA_DEBUG: v })).toBe(false);
    }
    expect(debugOn({})).toBe(false);
    for (const v of ["1", "true", "yes", "on"]) expect(debugOn({ AWSMFA_DEBUG: v })).toBe(true);
  });
  test("an unexpected error is one short line", () => {
    const e = new RangeError(`Out of memory\n${"x".repeat(5000)}`);
    expect(oneLine(e)).toBe("RangeError: Out of memory");
    expect(oneLine(new Error("y".repeat(500))).length).toBeLessThanOrEqual(210);
  });
});
