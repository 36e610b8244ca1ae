/**
 * The prompt's own path (src/commands/fast/prompt.ts): it answers what it can print as it is,
 * and leaves a segment with characters a terminal would act on to the general tier, which
 * escapes them. What it prints is compared with the full CLI in tests/e2e/fast-path.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { promptMain } from "../../../src/commands/fast/prompt.ts";

const soon = () => String(Math.floor(Date.now() / 1000) + 3600);

describe("promptMain", () => {
  test("answers a shell without a session with nothing at all", async () => {
    expect(await promptMain({ kind: "prompt", template: undefined }, {})).toBe(true);
  });

  test.each([
    ["an escape sequence", "prod\u001b[2J"],
    ["a line break", "prod\nrm -rf"],
    ["a character outside ASCII", "prød"],
  ])("leaves a profile name with %s to the general tier", async (_what, profile) => {
    const env = { AWS_PROFILE: profile, AWSMFA_EXPIRES: soon() };
    expect(await promptMain({ kind: "prompt", template: undefined }, env)).toBe(false);
  });
});
