/** withoutSession, logout's edit: session keys go, everything else stays; long-term keys stay. */
import { expect, test } from "bun:test";
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeSessionsFromFile, withoutSession } from "../../src/profiles/remove-session.ts";

test.each([
  [
    "a session among settings and comments, CRLF",
    "[a]\r\nx = 1\r\n[prod]\r\nregion = eu\r\n# c\r\naws_access_key_id = ASIA1\r\naws_secret_access_key = s\r\naws_session_token = t\r\n  more/token\r\naws_security_token = t\r\nexpiration = 2030-01-01T00:00:00Z\r\nmfa_serial = m\r\n",
    "[a]\r\nx = 1\r\n[prod]\r\nregion = eu\r\n# c\r\nmfa_serial = m\r\n",
    "session",
  ],
  [
    "long-term keys are left",
    "[prod]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n",
    "[prod]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n",
    "long-term",
  ],
  ["nothing to remove", "[prod]\nregion = eu\n", "[prod]\nregion = eu\n", "none"],
  ["no file", null, null, "none"],
] as const)("%s", (_label, before, after, held) => {
  expect(withoutSession(before, "prod")).toEqual({ text: after, held });
});

test("removeSessionsFromFile keeps a change another program made before the rename, and removes the session from it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "awsmfa-remove-changed-"));
  const path = join(dir, "credentials");
  writeFileSync(
    path,
    "[p]\nregion = x\naws_access_key_id = ASIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\naws_session_token = t\n",
  );
  let changes = 0;
  const deps = {
    fs,
    clock: { now: () => Date.now(), sleep: async () => undefined },
    processes: { pid: process.pid, isAlive: () => true },
    io: { stderr: { write: () => undefined } },
    hooks: {
      afterTempWritten: () => {
        if (changes++ === 0) appendFileSync(path, "[other]\nregion = z\n");
      },
    },
  } as unknown as Parameters<typeof removeSessionsFromFile>[3];
  const held = await removeSessionsFromFile(path, readFileSync(path, "utf8"), ["p"], deps);
  expect(held.get("p")).toBe("session");
  expect(readFileSync(path, "utf8")).toBe("[p]\nregion = x\n[other]\nregion = z\n");
  expect(readdirSync(dir)).toEqual(["credentials"]);
  rmSync(dir, { recursive: true });
});
