import { describe, expect, test } from "bun:test";
import {
  forPipe,
  OWN_ESC,
  printable,
  printableInLine,
  printableLine,
} from "../../src/system/printable.ts";
import { debugEnabled as debugOn } from "../../src/ui/debug.ts";
import { oneLine } from "../../src/ui/report.ts";

describe("printable", () => {
  const own = (code: number) => `${OWN_ESC}[${code}m`;
  test("keeps text, line breaks, tabs and awsmfa's colour; shows every control as \\xHH", () => {
    expect(printable(`a\tb\n${own(31)}red${own(39)}`)).toBe("a\tb\n\x1b[31mred\x1b[39m");
    expect(printable("x\x1b]0;t\x07\x1b[2J\r\x9b")).toBe("x\\x1b]0;t\\x07\\x1b[2J\\x0d\\x9b");
    expect(printable("café ✓")).toBe("café ✓");
  });
  // Issue 11 item 16, another case: a colour sequence that hides text is not awsmfa's own.
  test("only awsmfa's own colours pass; conceal, black on black, cursor moves are shown", () => {
    expect(printable(`${own(1)}b${own(22)} ${own(2)}d${own(22)} ${own(32)}g${own(39)}`)).toBe(
      "\x1b[1mb\x1b[22m \x1b[2md\x1b[22m \x1b[32mg\x1b[39m",
    );
    expect(printable("a\x1b[8mhidden")).toBe("a\\x1b[8mhidden");
    expect(printable("a\x1b[30;40mhidden\x1b[0m")).toBe("a\\x1b[30;40mhidden\\x1b[0m");
    expect(printable(`${OWN_ESC}[8mhidden`)).toBe("\\udc1b[8mhidden");
  });
  // A region "us\e[31m-east-1" once coloured `list`'s table: the ESC of a value and the ESC of
  // awsmfa's own colour were the same character, and the colour was let through.
  test("a value's colour is shown even when it is one of awsmfa's own", () => {
    expect(printable(`${own(1)}prod${own(22)}  us\x1b[31m-east-1`)).toBe(
      "\x1b[1mprod\x1b[22m  us\\x1b[31m-east-1",
    );
  });
  test("bidi controls are shown as \\uHHHH", () => {
    expect(printable("a\u202eb\u2066c\u2069\u200f\u061c")).toBe(
      "a\\u202eb\\u2066c\\u2069\\u200f\\u061c",
    );
  });
  test("printableLine keeps awsmfa's own status-line redraw only", () => {
    expect(printableLine(`\r${OWN_ESC}[Kwaiting\r`)).toBe("\r\x1b[Kwaiting\\x0d");
    expect(printableLine("\r\x1b[Kforged")).toBe("\\x0d\\x1b[Kforged");
    expect(printableLine("\x1b[31mred")).toBe("\\x1b[31mred");
  });
  test("a pipe gets text as it is, unless it carries awsmfa's colours", () => {
    expect(forPipe("export A='\x1b[31m'\n")).toBe("export A='\x1b[31m'\n");
    expect(forPipe(`${own(1)}p${own(22)} us\x1b[31m`)).toBe("\x1b[1mp\x1b[22m us\\x1b[31m");
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

describe("printableInLine: a value inside one line", () => {
  test("line breaks and tabs are shown as \\xHH too, as every other control character", () => {
    expect(printableInLine("a\nb\rc\td")).toBe("a\\x0ab\\x0dc\\x09d");
    expect(printableInLine("x\x1b[2Jy\u202e")).toBe(printable("x\x1b[2Jy\u202e"));
    expect(printableInLine("prod")).toBe("prod");
    expect(printableInLine("本番 ü")).toBe("本番 ü");
  });
});

/** Reads printableInLine's output back: \xHH and \uHHHH are characters, other text is itself. */
function readBack(shown: string): string {
  return shown.replace(/\\x([0-9a-f]{2})|\\u([0-9a-f]{4})/g, (_m, x: string, u: string) =>
    String.fromCharCode(Number.parseInt(x ?? u, 16)),
  );
}

describe("printableInLine: escapes that can be read back", () => {
  test("U+2028 and U+2029, line breaks to some viewers, are shown too", () => {
    expect(printableInLine("a\u2028b\u2029c")).toBe("a\\u2028b\\u2029c");
  });
  test("a value holding the text \\x0a differs from one holding a line break", () => {
    expect(printableInLine("a\\x0a")).toBe("a\\x5cx0a");
    expect(printableInLine("a\n")).toBe("a\\x0a");
    expect(printableInLine("a\\u202e")).toBe("a\\x5cu202e");
    // Backslashes that start no escape stay as they are (Windows paths read as before).
    expect(printableInLine("C:\\Users\\me\\.aws\\config")).toBe("C:\\Users\\me\\.aws\\config");
    expect(printableInLine("C:\\Users\\xavier")).toBe("C:\\Users\\xavier");
  });
  test("every value reads back to itself (hostile table)", () => {
    const hostile = ["\n", "\r", "\x1b[2J", "\t", "\u2028", "\u202e", "\\", "\\x0a", "\\\\x0a"];
    const values = [
      ...hostile,
      "\\x1",
      "\\x\n",
      "\\\x1b",
      "\\u20\u2028",
      "C:\\x\\u",
      ...hostile.flatMap((a) => hostile.map((b) => `p${a}q${b}`)),
    ];
    for (const value of values) {
      const shown = printableInLine(value);
      for (const raw of ["\n", "\r", "\t", "\x1b", "\u2028", "\u2029", "\u202e"]) {
        expect(shown).not.toContain(raw);
      }
      expect(readBack(shown)).toBe(value);
    }
  });
});
