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

/**
 * cmd.exe reads a batch file in the console's code page, and awsmfa writes UTF-8: a name past
 * ASCII is set inside a switch to code page 65001 and back (shell/cmd/index.ts). Wine 8's cmd
 * crashes on `chcp N`, so tests/windows/ cannot run these lines; their text is held here.
 */
describe("cmd lines with a character past ASCII", () => {
  const SAVE =
    '@for /f "tokens=2 delims=:" %%c in (\'chcp\') do @for %%d in (%%c) do @set "__awsmfa_code_page=%%~nd"';
  test("switch to UTF-8 (65001) first, the code page in use put back after", () => {
    const text = renderExports("cmd", [
      ["AWS_PROFILE", "café 本番 %x%"],
      ["AWS_REGION", "eu-west-1"],
    ]);
    expect(text).toBe(
      [
        SAVE,
        "@chcp 65001>nul 2>&1",
        '@set "AWS_PROFILE=café 本番 %%x%%"',
        '@set "AWS_REGION=eu-west-1"',
        "@if defined __awsmfa_code_page chcp %__awsmfa_code_page%>nul 2>&1",
        '@set "__awsmfa_code_page="',
        "",
      ].join("\n"),
    );
    // Every line a batch file runs starts with @ (it would echo the line otherwise), and the
    // code page lines are ASCII: they are read before the switch, or after it.
    for (const line of text.trimEnd().split("\n")) expect(line.startsWith("@")).toBe(true);
    expect(text.split("\n").filter((line) => /[^\x20-\x7e]/.test(line))).toEqual([
      '@set "AWS_PROFILE=café 本番 %%x%%"',
    ]);
  });
  test("ASCII names are written as before, byte for byte", () => {
    expect(renderExports("cmd", [["AWS_PROFILE", "prod"]])).toBe('@set "AWS_PROFILE=prod"\n');
  });
});
