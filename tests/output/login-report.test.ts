/** What a login says about the credentials file and the profiles it logged into, per mode. */
import { expect, test } from "bun:test";
import { type LoginOutcome, reportLogins } from "../../src/output/login-report.ts";
import type { OutputMode } from "../../src/output/mode.ts";

function report(mode: OutputMode, outcomes: LoginOutcome[]) {
  const out = { stdout: "", stderr: "" };
  const io = {
    stdout: {
      write: (text: string) => {
        out.stdout += text;
      },
      isTTY: false,
    },
    stderr: {
      write: (text: string) => {
        out.stderr += text;
      },
      isTTY: false,
    },
    readLine: async () => null,
    stdinIsTTY: false,
  };
  reportLogins(mode, outcomes, "/h/.aws/credentials", { io });
  return out;
}

const direct: OutputMode = { kind: "direct", format: "sh", shell: "bash" };
const evalMode: OutputMode = { kind: "eval", format: "sh" };

test("direct mode: a ready line per profile in the file, names quoted for the shell", () => {
  const out = report(direct, [
    { profile: "prod", inFile: true, written: true },
    { profile: "solo", inFile: false, written: false },
    { profile: "it's mine", inFile: true, written: false },
  ]);
  expect(out).toEqual({
    stdout:
      "prod is ready: aws --profile prod ...\nit's mine is ready: aws --profile 'it'\\''s mine' ...\n",
    stderr: "",
  });
});

test("eval mode: what was saved, and which profile the shell got", () => {
  const out = report(evalMode, [
    { profile: "prod", inFile: true, written: true },
    { profile: "staging", inFile: true, written: false },
    { profile: "dev", inFile: false, written: false },
  ]);
  expect(out.stdout).toBe("");
  expect(out.stderr).toBe(
    "Saved the session in [prod] of /h/.aws/credentials\n" +
      "This shell now uses prod, the first profile named. Also logged in: staging, dev (`awsmfa NAME` switches to one without a code).\n",
  );
});

test("one profile, already in the file: nothing to say", () => {
  expect(report(evalMode, [{ profile: "prod", inFile: true, written: false }])).toEqual({
    stdout: "",
    stderr: "",
  });
});

test("direct mode: the ready line's name is pasted into the user's shell, on one line", () => {
  const ready = (shell: string, profile: string) =>
    report({ kind: "direct", format: shell === "fish" ? "fish" : "sh", shell }, [
      { profile, inFile: true, written: false },
    ]).stdout;
  expect(ready("fish", "it's mine")).toBe("it's mine is ready: aws --profile 'it\\'s mine' ...\n");
  // zsh reads a bare =ls as the path of the ls command.
  expect(ready("zsh", "=ls")).toBe("=ls is ready: aws --profile '=ls' ...\n");
  expect(ready("bash", "team\tprod")).toBe(
    "team\\x09prod is ready: aws --profile $'team\\tprod' ...\n",
  );
});
