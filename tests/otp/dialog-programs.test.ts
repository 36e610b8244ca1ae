/**
 * What awsmfa hands the Windows dialog (Windows PowerShell running a WinForms form): the
 * script travels as -EncodedCommand and the text in the environment, never on argv; the
 * label shows `&` as it is (a WinForms label otherwise takes it as the access-key mark and
 * hides it: "R&D" read "RD"). WinForms cannot run here; the script is read back instead.
 * zenity and kdialog are run for real, or as stand-ins: tests/e2e/dialog-text.test.ts.
 */
import { expect, test } from "bun:test";
import { Buffer } from "node:buffer";
import type { ExecOptions } from "../../src/deps.ts";
import { showDialog } from "../../src/otp/dialog-programs.ts";
import { testDeps } from "../support/test-deps.ts";

test("PowerShell: the text in the environment, the label with no access-key mark, the script encoded", async () => {
  const calls: { file: string; args: readonly string[]; options?: ExecOptions }[] = [];
  const { deps } = testDeps({
    platform: "win32",
    exec: async (file, args, options) => {
      calls.push({ file, args, options });
      return { code: 0, signal: null, stdout: "123456\r\n", stderr: "", timedOut: false };
    },
  });
  const text = "MFA code for R&D_ops <b>x</b>\n(device 123456789012:mfa/a):";
  const answer = await showDialog(
    { kind: "powershell", path: "C:\\powershell.exe" },
    text,
    10_000,
    deps,
  );
  expect(answer).toEqual({ kind: "answer", text: "123456" });
  const [call] = calls;
  expect(call!.options?.env?.AWSMFA_DIALOG_TEXT).toBe(text);
  expect(call!.args.join(" ")).not.toContain("R&D");
  const encoded = call!.args[call!.args.indexOf("-EncodedCommand") + 1]!;
  const script = Buffer.from(encoded, "base64").toString("utf16le");
  const label = script.split("\n").filter((line) => line.includes("$l."));
  // Off before the text is set, so no & of the text is ever read as the mark.
  expect(
    label.findIndex((line) => line.includes("$l.UseMnemonic = $false")),
  ).toBeGreaterThanOrEqual(0);
  expect(label.findIndex((line) => line.includes("$l.UseMnemonic = $false"))).toBeLessThan(
    label.findIndex((line) => line.includes("$l.Text = $env:AWSMFA_DIALOG_TEXT")),
  );
});
