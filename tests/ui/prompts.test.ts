/**
 * The questions inquirer shows are written to the terminal by inquirer itself, past the
 * writers' printable(): the values in them (profile names, devices, regions) are made
 * printable in ui/prompts.ts. A fake terminal records what inquirer wrote. And every question
 * gives up at its deadline (the real terminal: tests/e2e/prompt-deadline-tmux.test.ts).
 */
import { describe, expect, test } from "bun:test";
import { PassThrough, Writable } from "node:stream";
import type { Terminal } from "../../src/deps.ts";
import { UsageError, UserError } from "../../src/errors.ts";
import { askConfirm, askSelect, askText } from "../../src/ui/prompts.ts";
import { questionDeadline } from "../../src/ui/question-deadline.ts";

const HOSTILE = "\x1b[31m\x1b]8;;http://evil.example/\x07L\x1b]8;;\x07\x9b2J\u202eR";
const LONG = { ms: 30_000, expired: () => new Error("no deadline expected here") as never };

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
    const answer = await askText(terminal, `Region for p${HOSTILE}:`, LONG, {
      default: `us${HOSTILE}`,
    });
    expect(answer).toBe("eu-west-1");
    expectNoHostileControl(terminal.shown());
    expect(terminal.shown()).not.toContain(`us\\x1b`);
  });

  test("askText: a clean default is still offered and taken", async () => {
    const terminal = fakeTerminal();
    terminal.type("\n");
    expect(await askText(terminal, "Region:", LONG, { default: "eu-west-1" })).toBe("eu-west-1");
  });

  test("askSelect: choices' names and descriptions", async () => {
    const terminal = fakeTerminal();
    terminal.type("\n");
    const value = await askSelect(
      terminal,
      "Which device?",
      [{ name: `arn:aws:iam::1:mfa/${HOSTILE}`, value: "raw", description: HOSTILE }],
      LONG,
    );
    expect(value).toBe("raw");
    expectNoHostileControl(terminal.shown());
  });

  test("askConfirm: the question", async () => {
    const terminal = fakeTerminal();
    terminal.type("y\n");
    expect(await askConfirm(terminal, `Replace ${HOSTILE}?`, LONG)).toBe(true);
    expectNoHostileControl(terminal.shown());
  });
});

describe("every question has a deadline", () => {
  test("unanswered past it: the deadline's error, and the prompt ends", async () => {
    const terminal = fakeTerminal();
    const late = new UserError("late", { code: "otpSource" });
    const started = Date.now();
    await expect(askText(terminal, "Code:", { ms: 100, expired: () => late })).rejects.toBe(late);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test("AWSMFA_QUESTION_TIMEOUT: default 5 minutes, a duration, exit 7 past it, exit 2 if bad", () => {
    expect(questionDeadline({}).ms).toBe(5 * 60_000);
    const deadline = questionDeadline({ AWSMFA_QUESTION_TIMEOUT: "90s" });
    expect(deadline.ms).toBe(90_000);
    const error = deadline.expired();
    expect(error.code).toBe("noTerminal");
    expect(error.message).toContain("not answered within 1m30s");
    expect(error.hint).toContain("AWSMFA_QUESTION_TIMEOUT=");
    expect(() => questionDeadline({ AWSMFA_QUESTION_TIMEOUT: "soon" })).toThrow(UsageError);
    expect(() => questionDeadline({ AWSMFA_QUESTION_TIMEOUT: "0" })).toThrow(UsageError);
  });
});
