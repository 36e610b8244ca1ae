/** Throwaway HOMEs with AWS files at chosen modes, and Deps that point at them, for doctor. */

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "../../../src/commands/doctor/finding.ts";
import { testDeps } from "../../support/test-deps.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-doctor-"));
let homes = 0;

/** Removes every HOME made so far; call from afterAll. */
export function removeHomes(): void {
  rmSync(root, { recursive: true, force: true });
}

export function home(files: Record<string, [string, number]> = {}) {
  const dir = join(root, `home-${++homes}`);
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
