/**
 * Fake op, bw, ykman, pass and `mycode` (for the command source) on PATH, for e2e tests of
 * the code sources. They answer with the code the fake AWS device shows at that moment, so an
 * awsmfa that waits (the reuse guard) still gets a fresh code. See fake-otp/tool.ts.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FakeOtpConfig, ToolCall } from "./fake-otp/tool.ts";

export { MARKER, type ToolCall } from "./fake-otp/tool.ts";

export const FAKE_TOOLS = ["op", "bw", "ykman", "pass", "mycode"] as const;
export type FakeTool = (typeof FAKE_TOOLS)[number];

const toolScript = resolve(import.meta.dir, "fake-otp", "tool.ts");

export interface FakeOtpTools {
  /** The folder holding the fakes, first on PATH in env(). */
  readonly bin: string;
  /** Environment to add for a run: PATH with the fakes first, where they keep state, the mode. */
  env(mode?: string): Record<string, string>;
  /** Makes `name` (an item, entry or account) answer with the codes of `serial`. */
  item(name: string, serial: string): void;
  /** Every call the fakes received, oldest first. */
  calls(): ToolCall[];
}

/** Puts the fakes in `home` (a sandbox folder, removed with it). */
export function fakeOtpTools(home: string, awsUrl: string, basePath: string): FakeOtpTools {
  const bin = join(home, "fake-bin");
  const state = join(home, "fake-otp");
  mkdirSync(bin, { recursive: true });
  mkdirSync(state, { recursive: true });
  for (const tool of FAKE_TOOLS) {
    const path = join(bin, tool);
    writeFileSync(path, `#!/bin/sh\nexec '${process.execPath}' '${toolScript}' ${tool} "$@"\n`);
    chmodSync(path, 0o755);
  }
  const config: FakeOtpConfig = { url: awsUrl, items: {} };
  const save = () => writeFileSync(join(state, "config.json"), JSON.stringify(config));
  save();
  return {
    bin,
    env: (mode = "ok") => ({
      PATH: `${bin}:${basePath}`,
      FAKE_OTP_DIR: state,
      FAKE_OTP_MODE: mode,
    }),
    item(name, serial) {
      config.items[name] = serial;
      save();
    },
    calls() {
      const log = join(state, "calls.jsonl");
      if (!existsSync(log)) return [];
      return readFileSync(log, "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as ToolCall);
    },
  };
}
