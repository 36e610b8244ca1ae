/** --format cmd: what cmd.exe gets, and what it cannot hold. Run in Wine's cmd by tests/windows/. */
import { describe, expect, test } from "bun:test";
import { UserError } from "../../src/errors.ts";
import { renderExports, renderUnsets } from "../../src/shell/index.ts";

describe("cmd lines", () => {
  test("@set with the value inside the quotes; % doubled for a batch file; & ^ < > | ( ) kept", () => {
    expect(renderExports("cmd", [["AWS_PROFILE", "a%PATH%&^<>|()b c"]])).toBe(
      '@set "AWS_PROFILE=a%%PATH%%&^<>|()b c"\n',
    );
    expect(renderUnsets("cmd", ["AWS_PROFILE"])).toBe('@set "AWS_PROFILE="\n');
  });

  for (const [value, why] of [
    ['a"b', "a double quote"],
    ["a\nb", "a line break"],
    ["a\rb", "a line break"],
    ["a!b", "an exclamation mark"],
    ["a\0b", "a NUL character"],
  ] as const) {
    test(`refuses ${JSON.stringify(value)} (${why}) with exit 2, without showing the value`, () => {
      let error: unknown;
      try {
        renderExports("cmd", [["AWS_SECRET_ACCESS_KEY", value]]);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe("usage");
      expect((error as UserError).message).toBe(
        `cmd.exe cannot safely hold the value of AWS_SECRET_ACCESS_KEY: it contains ${why}.`,
      );
    });
  }
});
