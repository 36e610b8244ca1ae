/**
 * A real Secret Service for tests: a private D-Bus session bus (dbus-daemon) and a fresh GNOME
 * Keyring in a throwaway HOME, unlocked with a throwaway password. gnome-keyring-daemon leaves
 * when its bus goes away, so stop() ends both. These are required tools here and in CI
 * (.ci/apt/keys.txt): a missing one fails the test, loudly, instead of skipping it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useStarted } from "./use-started.ts";

export interface SecretService {
  /** Variables a child (or this process, for the keyring addon) needs to reach the keyring. */
  env: Record<string, string>;
  stop(): void;
}

export function startSecretService(): SecretService {
  const root = mkdtempSync(join(tmpdir(), "awsmfa-keyring-"));
  const runtime = join(root, "run");
  mkdirSync(runtime, { mode: 0o700 });
  const bus = spawnSync(
    "dbus-daemon",
    ["--session", "--fork", "--print-address=1", "--print-pid=1"],
    {
      encoding: "utf8",
    },
  );
  if (bus.status !== 0) {
    throw new Error(`dbus-daemon did not start (install dbus-daemon): ${bus.stderr ?? bus.error}`);
  }
  const [address, pid] = bus.stdout.trim().split("\n");
  const env = {
    DBUS_SESSION_BUS_ADDRESS: address!,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(root, "data"),
  };
  const keyring = spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], {
    input: "throwaway-keyring-password",
    env: { ...process.env, ...env, HOME: root },
    encoding: "utf8",
  });
  if (keyring.status !== 0) {
    process.kill(Number(pid));
    throw new Error(`gnome-keyring-daemon did not start: ${keyring.stderr ?? keyring.error}`);
  }
  return {
    env,
    stop() {
      try {
        process.kill(Number(pid));
      } catch {
        // already gone
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** startSecretService for every test of a file (see use-started.ts). */
export function useSecretService(): () => SecretService {
  return useStarted("the Secret Service", startSecretService);
}

/** `secret-tool search --all service awsmfa` output in the given keyring. */
export function secretToolSearch(service: SecretService, ...attrs: string[]): string {
  const result = spawnSync("secret-tool", ["search", "--all", ...attrs], {
    env: { ...process.env, ...service.env },
    encoding: "utf8",
  });
  return `${result.stdout}${result.stderr}`;
}
