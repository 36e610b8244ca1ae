/**
 * A program that does not take awsmfa's lock (aws configure set, an editor) may change the
 * file between updateFile's read and its rename: since a fresh login flushes [PROFILE]'s temp
 * file while the session cache is written (fs/atomic-write.ts meanwhile), that window is the
 * cache write long. The rename must not undo that change: the edit is made again on the new text.
 */
import { expect, test } from "bun:test";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { updateFile } from "../../src/fs/update.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";

test("a change made by another program before the rename is kept; the edit is made again on it", async () => {
  const dir = scratchDir("update-changed");
  const path = join(dir, "credentials");
  writeFileSync(path, "[a]\nregion = x\n");
  const seen: (string | null)[] = [];
  let meanwhileRuns = 0;
  let changes = 0;
  const result = await updateFile(
    fs,
    path,
    (current) => {
      seen.push(current);
      return `${current}[b]\nregion = y\n`;
    },
    {
      meanwhile: async () => {
        meanwhileRuns++;
      },
      hooks: {
        afterTempWritten: () => {
          if (changes++ === 0) appendFileSync(path, "[other]\nregion = z\n");
        },
      },
    },
  );
  const want = "[a]\nregion = x\n[other]\nregion = z\n[b]\nregion = y\n";
  expect(readFileSync(path, "utf8")).toBe(want);
  expect(result).toEqual({ changed: true, text: want });
  expect(seen).toEqual(["[a]\nregion = x\n", "[a]\nregion = x\n[other]\nregion = z\n"]);
  // The other work (the session cache) ran once, and succeeded: it is not done again.
  expect(meanwhileRuns).toBe(1);
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("a file that keeps changing under the write is left as the other program made it", async () => {
  const dir = scratchDir("update-changed");
  const path = join(dir, "credentials");
  writeFileSync(path, "[a]\n");
  let n = 0;
  await expect(
    updateFile(fs, path, (current) => `${current}[b]\n`, {
      hooks: { afterTempWritten: () => appendFileSync(path, `[other${n++}]\n`) },
    }),
  ).rejects.toMatchObject({
    message: expect.stringMatching(/changed by another program/),
    code: "config", // exit 3, as for a lock lost while writing
  });
  expect(readFileSync(path, "utf8")).toStartWith("[a]\n[other0]\n");
  expect(readFileSync(path, "utf8")).not.toContain("[b]");
  expect(leftovers(dir, "credentials")).toEqual([]);
});
