/**
 * Moving long-term keys from [prod] to [prod-long-term]: at every moment some section of the
 * file holds them (checked on the text of each write, just before its rename), a failure
 * between the two writes leaves them in both, and running again finishes the move.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  withKeysCopied,
  withKeysRemoved,
  withLongTermKeys,
} from "../../../src/commands/configure/key-edits.ts";
import { moveLongTermKeys } from "../../../src/commands/configure/write-keys.ts";
import { UserError } from "../../../src/errors.ts";
import { profilesOf } from "../../../src/ini/index.ts";
import { keysInText } from "../../../src/keys/credentials-file.ts";
import { testDeps } from "../../support/test-deps.ts";

const folder = mkdtempSync(join(tmpdir(), "awsmfa-move-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

const KEYS = { accessKeyId: "AKIAMOVEMOVEMOVEMOVE", secretAccessKey: "move/secret+1" };
const LEGACY =
  "# mine\r\n[prod]\r\nregion = eu-west-1\r\naws_access_key_id = AKIAMOVEMOVEMOVEMOVE\r\naws_secret_access_key = move/secret+1\r\n; end\r\n";
const MOVED =
  "# mine\r\n[prod]\r\nregion = eu-west-1\r\n; end\r\n\r\n[prod-long-term]\r\naws_access_key_id = AKIAMOVEMOVEMOVEMOVE\r\naws_secret_access_key = move/secret+1\r\n";
const BOTH = `${LEGACY}\r\n[prod-long-term]\r\naws_access_key_id = AKIAMOVEMOVEMOVEMOVE\r\naws_secret_access_key = move/secret+1\r\n`;

function keysSomewhere(text: string): boolean {
  return [...profilesOf(text, "credentials").values()].some(
    (values) =>
      values.aws_access_key_id === KEYS.accessKeyId &&
      values.aws_secret_access_key === KEYS.secretAccessKey,
  );
}

function deps(afterTempWritten: (temp: string) => void) {
  return {
    fs,
    clock: { now: () => Date.now(), sleep: (ms: number) => Bun.sleep(ms) },
    processes: { pid: process.pid, isAlive: () => true },
    hooks: { afterTempWritten },
    onInterrupt: () => () => undefined,
    io: testDeps().deps.io,
  };
}

describe("moveLongTermKeys", () => {
  test("every state of the file holds the keys; the end is the golden", async () => {
    const path = join(folder, `credentials-${files++}`);
    writeFileSync(path, LEGACY);
    const states: string[] = [];
    await moveLongTermKeys(
      path,
      "prod",
      "prod-long-term",
      deps((temp) => {
        states.push(readFileSync(temp, "utf8"));
      }),
    );
    expect(states).toEqual([BOTH, MOVED]);
    for (const state of states) expect(keysSomewhere(state)).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(MOVED);
  });

  test("a failure between the two writes leaves them in both; again finishes", async () => {
    const path = join(folder, `credentials-${files++}`);
    writeFileSync(path, LEGACY);
    let writes = 0;
    const failing = deps(() => {
      if (++writes === 2) throw new Error("power cut");
    });
    await expect(moveLongTermKeys(path, "prod", "prod-long-term", failing)).rejects.toThrow();
    expect(readFileSync(path, "utf8")).toBe(BOTH);
    await moveLongTermKeys(
      path,
      "prod",
      "prod-long-term",
      deps(() => {}),
    );
    expect(readFileSync(path, "utf8")).toBe(MOVED);
  });
});

describe("the edits", () => {
  test("copy is idempotent; remove only once the copy is exact", () => {
    expect(withKeysCopied(LEGACY, "prod", "prod-long-term")).toBe(BOTH);
    expect(withKeysCopied(BOTH, "prod", "prod-long-term")).toBe(BOTH);
    expect(withKeysCopied(MOVED, "prod", "prod-long-term")).toBe(MOVED);
    expect(withKeysRemoved(BOTH, "prod", "prod-long-term")).toBe(MOVED);
    expect(withKeysRemoved(MOVED, "prod", "prod-long-term")).toBe(MOVED);
    const tampered = BOTH.replace(/secret\+1\r\n$/, "other\r\n");
    expect(() => withKeysRemoved(tampered, "prod", "prod-long-term")).toThrow(UserError);
    expect(() => withKeysRemoved(LEGACY, "prod", "prod-long-term")).toThrow(UserError);
    expect(() => withKeysCopied("[prod]\n", "prod", "prod-long-term")).toThrow(UserError);
  });

  test("new keys never replace other long-term keys unless those were agreed to", () => {
    const text =
      "[prod-long-term]\naws_access_key_id = AKIAOLDOLDOLDOLDOLD1\naws_secret_access_key = old\n";
    expect(() => withLongTermKeys(text, "prod-long-term", KEYS, undefined)).toThrow(
      "holds other long-term keys (AKIA****OLD1)",
    );
    expect(() => withLongTermKeys(text, "prod-long-term", KEYS, "AKIASOMETHINGELSE001")).toThrow(
      UserError,
    );
    expect(withLongTermKeys(text, "prod-long-term", KEYS, "AKIAOLDOLDOLDOLDOLD1")).toBe(
      "[prod-long-term]\naws_access_key_id = AKIAMOVEMOVEMOVEMOVE\naws_secret_access_key = move/secret+1\n",
    );
  });

  test("keys written over a session section take its token and expiration away", () => {
    const text =
      "[k]\naws_access_key_id = ASIA1\naws_session_token = t\nexpiration = 2030-01-01T00:00:00Z\nregion = x\n";
    const result = withLongTermKeys(text, "k", KEYS, undefined);
    expect(result).toBe(
      "[k]\naws_access_key_id = AKIAMOVEMOVEMOVEMOVE\nregion = x\naws_secret_access_key = move/secret+1\n",
    );
    expect(keysInText(result, "k")).toEqual(KEYS);
  });
});
