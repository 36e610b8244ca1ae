/**
 * Issue 11 items 9 and 14, other cases: every command a message suggests is quoted for the
 * user's shell (the one quoting function, through pasteable()), and a profile named like an
 * option comes after `--`, behind every flag. Before: `awsmfa exec prod -- a$(touch x)` (the
 * user's own words unquoted), `awsmfa configure -rf --key-store encrypted-file` (read as flags),
 * `awsmfa keys rotate ${profile}` and doctor's `awsmfa keys move ${profile}` unquoted.
 */
import { describe, expect, test } from "bun:test";
import { pasteableCommand, profileArg, quotePasteables } from "../../src/errors.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

describe("suggested commands in messages", () => {
  test("exec's example keeps the user's own words quoted", async () => {
    const u = world.user();
    for (const [shell, said] of [
      ["/bin/bash", "awsmfa exec prod -- 'a$(touch x)' c"],
      ["/usr/bin/fish", "awsmfa exec prod -- 'a$(touch x)' c"],
    ] as const) {
      const r = await u.run(["exec", "prod", "a$(touch x)", "c"], {
        env: { ...u.sandbox.env, SHELL: shell },
      });
      expect(r.stderr).toContain(said);
      expect(r.code).toBe(2);
    }
  });

  test("a key-store hint for a profile named -rf puts it after -- and the flags", async () => {
    const u = world.user({ profile: "-rf" });
    u.sandbox.writeConfig(
      `[profile -rf]\nawsmfa_key_store = encrypted-file\nmfa_serial = ${u.serial}\nregion = eu-west-1\n`,
    );
    u.sandbox.writeCredentials("");
    const env = {
      ...u.sandbox.env,
      SHELL: "/bin/bash",
      AWSMFA_KEY_STORE_FILE: `${u.sandbox.home}/no-keys`,
      AWSMFA_KEY_PASSPHRASE: "x",
    };
    const r = await u.run(["login", "--otp", u.code(), "--no-write", "--", "-rf"], { env });
    expect(r.stderr).toContain("`awsmfa configure --key-store encrypted-file -- -rf`");
    expect(r.code).toBe(3);
    // PowerShell: '--' quoted, or the awsmfa function would take it and pass -rf as flags.
    const ps = await u.run(["login", "--otp", u.code(), "--no-write", "--", "-rf"], {
      env: { ...env, AWSMFA_SHELL: "powershell" },
    });
    expect(ps.stderr).toContain("`awsmfa configure --key-store encrypted-file '--' -rf`");
  });
});

test("pasteableCommand: every word marked, -- before a dash name, per shell", () => {
  const line = pasteableCommand("awsmfa", "keys", "rotate", profileArg("dev $(id)"));
  expect(quotePasteables(line, (w) => (/^[\w-]+$/.test(w) ? w : `'${w}'`))).toBe(
    "awsmfa keys rotate 'dev $(id)'",
  );
  // `--` is a word to quote too: PowerShell takes a bare -- for itself.
  expect(quotePasteables(pasteableCommand("awsmfa", profileArg("-x")), (w) => `<${w}>`)).toBe(
    "<awsmfa> <--> <-x>",
  );
});
