/**
 * Starts a program that outlives awsmfa (the --notify timer): apart from exec-file.ts, so
 * that the real Deps (system/index.ts) have it at hand without loading what runs programs
 * awsmfa waits on, which most runs never start.
 */
import { spawnChild } from "./spawn-child.ts";

/** Starts a program that outlives this one; see Background.spawn in deps.ts. */
export function spawnDetached(
  file: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): number | undefined {
  try {
    const child = spawnChild(file, args, {
      env,
      detached: true,
      stdio: "ignore",
      windowsHide: true,
    });
    child.on("error", () => {
      // reported through the missing pid below; nothing else to do
    });
    child.unref();
    return child.pid;
  } catch {
    return undefined;
  }
}
