/** Throwaway HOMEs with AWS files at chosen modes, and Deps that point at them, for doctor. */

import { afterAll } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "../../../src/commands/doctor/finding.ts";
import { testDeps } from "../../support/test-deps.ts";

/** Throwaway HOMEs for every test of a file, removed in afterAll: `const home = useHomes()`. */
export function useHomes() {
  const root = mkdtempSync(join(tmpdir(), "awsmfa-doctor-"));
  let homes = 0;
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return (files: Record<string, [string, number]> = {}) =>
    makeHome(join(root, `home-${++homes}`), files);
}

function makeHome(dir: string, files: Record<string, [string, number]>) {
  mkdirSync(join(dir, ".aws"), { recursive: true, mode: 0o700 });
  chmodSync(join(dir, ".aws"), 0o700);
  for (const [relative, [text, mode]] of Object.entries(files)) {
    const path = join(dir, relative);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
    chmodSync(path, mode);
  }
  const { deps } = testDeps({
    env: { XDG_CACHE_HOME: join(dir, ".cache") },
    homedir: dir,
    clock: { now: () => Date.UTC(2026, 10, 21), sleep: async () => undefined },
    selfPath: "/usr/bin/env",
    selfCommand: ["/usr/bin/env", "script.ts"],
  });
  return { dir, deps };
}

export const levels = (findings: Finding[]) => findings.map((f) => `${f.level}: ${f.text}`);
export const KEYS = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n";
