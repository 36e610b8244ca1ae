/**
 * A throwaway pass store for tests: a fresh GNUPGHOME with a key made here (no passphrase) and
 * a PASSWORD_STORE_DIR initialised for it. pass and gpg are required (.ci/apt/keys.txt).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { useStarted } from "./use-started.ts";

export interface PassStore {
  env: Record<string, string>;
  /** `pass show ENTRY` output, or its error. */
  show(entry: string): string;
  stop(): void;
}

export function startPassStore(): PassStore {
  const root = mkdtempSync(join("/tmp", "awsmfa-pass-"));
  const env = {
    GNUPGHOME: join(root, "gnupg"),
    PASSWORD_STORE_DIR: join(root, "store"),
  };
  const run = (args: string[]) => {
    const result = spawnSync(args[0]!, args.slice(1), {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    if (result.status !== 0) {
      throw new Error(`${args.join(" ")} failed: ${result.stderr ?? result.error}`);
    }
    return result.stdout;
  };
  spawnSync("mkdir", ["-m", "700", env.GNUPGHOME]);
  run([
    "gpg",
    "--batch",
    "--passphrase",
    "",
    "--quick-gen-key",
    "awsmfa test <test@example.invalid>",
    "default",
    "default",
    "never",
  ]);
  run(["pass", "init", "test@example.invalid"]);
  return {
    env,
    show: (entry) => {
      const result = spawnSync("pass", ["show", entry], {
        env: { ...process.env, ...env },
        encoding: "utf8",
      });
      return `${result.stdout}${result.stderr}`;
    },
    stop() {
      spawnSync("gpgconf", ["--kill", "gpg-agent"], { env: { ...process.env, ...env } });
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** startPassStore for every test of a file (see use-started.ts). */
export function usePassStore(): () => PassStore {
  return useStarted("the pass store", startPassStore);
}
