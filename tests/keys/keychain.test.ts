/**
 * The keychain store against a real Secret Service (GNOME Keyring on a private D-Bus), through
 * the same @napi-rs/keyring addon the binary embeds. macOS Keychain and Windows Credential
 * Manager cannot run here: they are untested (README, "Key stores").
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { secretToolSearch, useSecretService } from "../support/secret-service.ts";
import { KEYS, OTHER } from "./support.ts";

const service = useSecretService();

function run(steps: unknown[][], env: Record<string, string | undefined>) {
  const child = Bun.spawnSync([process.execPath, join(import.meta.dir, "keychain-child.ts")], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdin: new TextEncoder().encode(JSON.stringify(steps)),
  });
  const out = child.stdout.toString();
  if (child.exitCode !== 0) throw new Error(`child failed: ${out}${child.stderr.toString()}`);
  return JSON.parse(out) as unknown[];
}

describe("keychain key store (Secret Service)", () => {
  test("is available on the bus, unavailable without one", () => {
    expect(run([["available"]], service().env)).toEqual([{ available: true }]);
    const [none] = run([["available"]], {}) as { available: boolean; reason: string }[];
    expect(none?.available).toBe(false);
    expect(none?.reason).toMatch(/D-Bus/);
  });

  test("stores, finds (secret-tool sees it), replaces only when asked, removes", () => {
    const results = run(
      [
        ["read", "prod"],
        ["write", "prod", KEYS],
        ["read", "prod"],
      ],
      service().env,
    );
    expect(results).toEqual([null, "ok", KEYS]);
    const seen = secretToolSearch(service(), "service", "awsmfa");
    expect(seen).toContain("prod");
    expect(seen).toContain(KEYS.accessKeyId);
    const later = run(
      [
        ["write", "prod", OTHER],
        ["write", "prod", OTHER, KEYS.accessKeyId],
        ["read", "prod"],
        ["remove", "prod", KEYS.accessKeyId],
        ["remove", "prod", OTHER.accessKeyId],
        ["read", "prod"],
      ],
      service().env,
    ) as unknown[];
    expect(String((later[0] as { error: string }).error)).toMatch(/will not replace/);
    expect(later.slice(1, 3)).toEqual(["ok", OTHER]);
    expect(String((later[3] as { error: string }).error)).toMatch(/other keys/);
    expect(later.slice(4)).toEqual(["ok", null]);
    expect(secretToolSearch(service(), "service", "awsmfa")).not.toContain(OTHER.accessKeyId);
  });
});
