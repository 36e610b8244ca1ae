/**
 * The questions inquirer shows are written to the terminal by inquirer itself, past the
 * writers' printable(): the values in them (profile names, devices, regions) are made
 * printable in ui/prompts.ts. A fake terminal records what inquirer wrote.
 */
import { describe, expect, test } from "bun:test";
import { PassThrough, Writable } from "node:stream";
import type { Terminal } from "../../src/deps.ts";
import { askConfirm, askSelect, askText } from "../../src/ui/prompts.ts";

const HOSTILE = "\x1b[31m\x1b]8;;http://evil.example/\x07L\x1b]8;;\x07\x9b2J\u202eR";

function fakeTerminal(): Terminal & { shown: () => string; type: (text: string) => void } {
  const input = new PassThrough();
  let shown = "";
  return {
    input,
    output: () =>
      new Writable({
        write(chunk, _encoding, done) {
          shown += chunk.toString();
          done();
        },
      }),
    write: (text) => {
      shown += text;
    },
    shown: () => shown,
    type: (text) => setTimeout(() => input.write(text), 20),
  };
}

function expectNoHostileControl(shown: string): void {
  expect(shown).not.toContain("\x1b]8;;");
  expect(shown).not.toContain("\x07");
  expect(shown).not.toContain("\x9b");
  expect(shown).not.toContain("\u202e");
  expect(shown).not.toContain("\x1b[31m\x1b]");
  expect(shown).toContain("\\x1b[31m\\x1b]8;;http://evil.example/\\x07L");
  expect(shown).toContain("\\u202eR");
}

describe("values in questions reach the terminal escaped", () => {
  test("askText: the message; a default that holds controls is not offered", async () => {
    const terminal = fakeTerminal();
    terminal.type("eu-west-1\n");
    const answer = await askText(terminal, `Region for p${HOSTILE}:`, {
      default: `us${HOSTILE}`,
    });
    expect(answer).toBe("eu-west-1");
    expectNoHostileControl(terminal.shown());
    expect(terminal.shown()).not.toContain(`us\\x1b`);
  });

  test("askText: a clean default is still offered and taken", async () => {
    const terminal = fakeTerminal();
    terminal.type("\n");
    expect(await askText(terminal, "Region:", { default: "eu-west-1" })).toBe("eu-west-1");
  });

  test("askSelect: choices' names and descriptions", async () => {
    const terminal = fakeTerminal();
    terminal.type("\n");
    const value = await askSelect(terminal, "Which device?", [
      { name: `arn:aws:iam::1:mfa/${HOSTILE}`, value: "raw", description: HOSTILE },
    ]);
    expect(value).toBe("raw");
    expectNoHostileControl(terminal.shown());
  });

  test("askConfirm: the question", async () => {
    const terminal = fakeTerminal();
    terminal.type("y\n");
    expect(await askConfirm(terminal, `Replace ${HOSTILE}?`)).toBe(true);
    expectNoHostileControl(terminal.shown());
  });
});
