/**
 * Falling back to the prompt: only for a source that cannot run (locked, missing, too slow),
 * only with a terminal, and then for the rest of the login. The terminal here is a pair of
 * streams that a person "types" into.
 */

import { describe, expect, test } from "bun:test";
import { PassThrough, Writable } from "node:stream";
import type { Deps, Terminal } from "../../src/deps.ts";
import { OtpUnavailableError, otpSourceError } from "../../src/otp/errors.ts";
import { withPromptFallback } from "../../src/otp/fallback.ts";
import type { OtpSource } from "../../src/otp/source.ts";
import { testDeps } from "../support/test-deps.ts";

/** A terminal whose person types `answers`, one per prompt, and which records everything shown. */
function typingTerminal(answers: string[]): Terminal & { shown: () => string } {
  const input = new PassThrough();
  let shown = "";
  const output = () =>
    new Writable({
      write(chunk, _encoding, done) {
        const text = String(chunk);
        shown += text;
        if (text.includes("MFA code for") && !text.includes("\n") && answers.length > 0) {
          const answer = answers.shift()!;
          setTimeout(() => input.write(`${answer}\r`), 5);
        }
        done();
      },
    });
  return {
    input: Object.assign(input, { isTTY: true, setRawMode: () => input }),
    output,
    write: (text) => {
      shown += text;
    },
    shown: () => shown,
  };
}

function depsWith(terminal: Terminal | null): Deps {
  return testDeps({ terminal: () => terminal }).deps;
}

function failing(error: Error): OtpSource & { calls: number } {
  const source = {
    name: "1password",
    automatic: true,
    calls: 0,
    available: async () => true,
    async code(): Promise<string> {
      source.calls++;
      throw error;
    },
  };
  return source;
}

const request = { profile: "prod", serial: "arn:aws:iam::123456789012:mfa/alice", attempt: 1 };
const locked = new OtpUnavailableError(
  "1Password is locked, or op is signed out.",
  "Run `op signin`.",
);

describe("withPromptFallback", () => {
  test("locked, with a terminal: says why and how to fix it, then asks; the source is not tried again", async () => {
    const source = failing(locked);
    const terminal = typingTerminal(["123456", "654321"]);
    const otp = withPromptFallback(source, 60_000);
    expect(otp.automatic).toBe(true);
    expect(await otp.code(request, depsWith(terminal))).toBe("123456");
    expect(terminal.shown()).toContain(
      "1Password is locked, or op is signed out.\n  Run `op signin`.\nType the code instead.\n",
    );
    expect(terminal.shown()).toContain("MFA code for prod (123456789012:mfa/alice):");
    // From now on it is the prompt: no reuse guard, a person's number of tries.
    expect([otp.name, otp.automatic]).toEqual(["prompt", false]);
    expect(await otp.code({ ...request, attempt: 2 }, depsWith(terminal))).toBe("654321");
    expect(source.calls).toBe(1);
  });

  test("locked, without a terminal: the error stands", async () => {
    const otp = withPromptFallback(failing(locked), 60_000);
    await expect(otp.code(request, depsWith(null))).rejects.toBe(locked);
    expect(otp.automatic).toBe(true);
  });

  test("a source that answered nonsense is not hidden behind a prompt", async () => {
    const nonsense = otpSourceError("`op` printed no 6-digit code.", "Check the item.");
    const terminal = typingTerminal(["123456"]);
    await expect(
      withPromptFallback(failing(nonsense), 60_000).code(request, depsWith(terminal)),
    ).rejects.toBe(nonsense);
    expect(terminal.shown()).toBe("");
  });

  test("sources that are not automatic are returned as they are", () => {
    const typed: OtpSource = {
      name: "argument",
      automatic: false,
      available: async () => true,
      code: async () => "123456",
    };
    expect(withPromptFallback(typed, 60_000)).toBe(typed);
  });
});
