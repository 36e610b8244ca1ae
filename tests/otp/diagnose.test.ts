/**
 * What each tool's failure means, from the messages the real tools print: locked or missing
 * (exit 8, and a person at a terminal may type the code instead), a wrong item (exit 3), or
 * unknown (exit 8, "run it yourself"). The tool's output is never part of the message.
 */

import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExecResult } from "../../src/deps.ts";
import { ExitCode, exitCodeFor, UserError } from "../../src/errors.ts";
import { OtpUnavailableError } from "../../src/otp/errors.ts";
import { sourceNamed } from "../../src/otp/registry.ts";
import { resolveSource } from "../../src/otp/resolve.ts";
import type { OtpValues } from "../../src/otp/settings.ts";
import { testDeps } from "../support/test-deps.ts";

const bin = mkdtempSync(join(tmpdir(), "awsmfa-diag-"));
afterAll(() => rmSync(bin, { recursive: true, force: true }));
for (const tool of ["op", "bw", "ykman", "pass"]) {
  writeFileSync(join(bin, tool), "#!/bin/sh\nexit 99\n");
  chmodSync(join(bin, tool), 0o755);
}

const SETTINGS: Record<string, OtpValues> = {
  "1password": { source: "1password", opItem: "AWS" },
  bitwarden: { source: "bitwarden", bwItem: "AWS" },
  ykman: { source: "ykman", ykmanAccount: "AWS" },
  pass: { source: "pass", passEntry: "aws/prod" },
};

/** Runs the source with an exec that answers as the real tool did: `stderr`, exit `code`. */
async function failureOf(source: string, stderr: string, code = 1) {
  const choice = resolveSource([{ kind: "flag", values: SETTINGS[source]! }]);
  const answer: ExecResult = { code, signal: null, stdout: "", stderr, timedOut: false };
  const { deps } = testDeps({ env: { PATH: bin }, homedir: bin, exec: async () => answer });
  const otp = sourceNamed(source)!.create!(choice.settings);
  try {
    await otp.code(
      { profile: "prod", serial: "arn:aws:iam::123456789012:mfa/a", attempt: 1 },
      deps,
    );
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.message).not.toContain(stderr.trim());
    return {
      fallback: error instanceof OtpUnavailableError,
      exit: exitCodeFor(error),
      text: `${error.message}\n${error.hint}`,
    };
  }
  throw new Error("expected the source to fail");
}

const LOCKED = { fallback: true, exit: ExitCode.otpSource };
const WRONG_ITEM = { fallback: false, exit: ExitCode.config };
const UNKNOWN = { fallback: false, exit: ExitCode.otpSource };

describe("diagnosis of real tool messages", () => {
  test.each<[string, string, { fallback: boolean; exit: number }, string]>([
    [
      "1password",
      "[ERROR] 2024/05/01 10:00:00 You are not currently signed in. Please run `op signin --help` for instructions",
      LOCKED,
      "op signin",
    ],
    ["1password", "[ERROR] 2023/03/07 14:42:32 account is not signed in", LOCKED, "op signin"],
    [
      "1password",
      "[ERROR] 2023/03/07 14:42:32 authorization prompt dismissed, please try again",
      LOCKED,
      "op signin",
    ],
    [
      "1password",
      '[ERROR] 2023/03/07 14:42:32 "AWS" isn\'t an item. Specify the item with its UUID, name, or domain.',
      WRONG_ITEM,
      "op item get AWS --otp",
    ],
    [
      "1password",
      '[ERROR] 2023/03/07 14:42:32 More than one item matches "AWS". Try again and specify the item by its ID',
      WRONG_ITEM,
      "exact name or ID",
    ],
    [
      "1password",
      '[ERROR] 2023/03/07 14:42:32 "Work" isn\'t a vault in this account.',
      WRONG_ITEM,
      "vault",
    ],
    ["bitwarden", "You are not logged in.", LOCKED, "bw login"],
    ["bitwarden", "Vault is locked.", LOCKED, 'export BW_SESSION="$(bw unlock --raw)"'],
    ["bitwarden", "Not found.", WRONG_ITEM, "bw get totp AWS"],
    [
      "bitwarden",
      "More than one result was found. Try getting a specific object by `id` instead.",
      WRONG_ITEM,
      "exact name or id",
    ],
    ["bitwarden", "No TOTP available for this login.", WRONG_ITEM, "authenticator key"],
    ["ykman", "ERROR: No YubiKey detected!", LOCKED, "Insert your YubiKey"],
    ["ykman", "ERROR: Failed connecting to the YubiKey.", LOCKED, "Insert your YubiKey"],
    ["ykman", "ERROR: Touch account timed out!", LOCKED, "touch it"],
    [
      "ykman",
      "ERROR: Multiple YubiKeys detected. Use --device SERIAL to specify which one to use.",
      LOCKED,
      "--ykman-device",
    ],
    [
      "ykman",
      "ERROR: Authentication to the YubiKey failed. Wrong password?",
      LOCKED,
      "ykman oath access remember",
    ],
    ["ykman", "ERROR: No matching account found.", WRONG_ITEM, "ykman oath accounts list"],
    [
      "ykman",
      "ERROR: Multiple matches, please make the query more specific.",
      WRONG_ITEM,
      "full name",
    ],
    ["pass", "Error: aws/prod is not in the password store.", WRONG_ITEM, "pass ls"],
    ["pass", "Error: otp is not in the password store.", LOCKED, "pass-otp"],
    ["pass", "gpg: decryption failed: No secret key", LOCKED, "Unlock your GPG key"],
    [
      "pass",
      "gpg: public key decryption failed: Inappropriate ioctl for device",
      LOCKED,
      "gpg-agent",
    ],
    [
      "1password",
      "panic: runtime error",
      UNKNOWN,
      "Run it yourself to see why: op item get AWS --otp",
    ],
    ["pass", "Segmentation fault", UNKNOWN, "Run it yourself to see why: pass otp aws/prod"],
  ])("%s: %s", async (source, stderr, expected, fix) => {
    const f = await failureOf(source, stderr);
    expect({ fallback: f.fallback, exit: f.exit }).toEqual(expected);
    expect(f.text).toContain(fix);
  });
});
