/**
 * A deadline longer than setTimeout holds (2^31-1 ms, ~24.8 days) is a long wait, not none:
 * --otp-timeout 30d used to fire after 1 ms (Bun's TimeoutOverflowWarning on stderr), and the
 * code command "did not answer within 720h00m", exit 8.
 */
import { expect, test } from "bun:test";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closedPort } from "../support/closed-port.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

test.each(["30d", "25d", "1000000h"])(
  "--otp-timeout %s: the code command that answers in 0.3 s is waited for",
  async (timeout) => {
    const u = world.user();
    const folder = mkdtempSync(join(tmpdir(), "awsmfa-long-deadline-"));
    try {
      const script = join(folder, "code.sh");
      writeFileSync(script, `#!/bin/sh\nsleep 0.3\necho ${u.code()}\n`);
      chmodSync(script, 0o755);
      const port = await closedPort();
      const proxy = `http://127.0.0.1:${port}`;
      const r = await u.run(
        ["login", u.profile, "--otp-command", script, "--otp-timeout", timeout, "--format", "sh"],
        { env: { ...u.sandbox.env, HTTPS_PROXY: proxy, HTTP_PROXY: proxy, NO_PROXY: "127.0.0.1" } },
      );
      expect(r.stderr).not.toContain("TimeoutOverflowWarning");
      expect(r.stderr).toContain(`New session for ${u.profile}`);
      expect(r.code).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
);
