/**
 * Finds a program on PATH the way a shell would, without starting anything: the first
 * regular file with an execute bit (on Windows: with an extension from PATHEXT).
 */
import { delimiter, join } from "node:path";
import type { Deps } from "../deps.ts";

export async function findExecutable(
  name: string,
  deps: Pick<Deps, "env" | "fs" | "platform">,
): Promise<string | undefined> {
  const dirs = (deps.env.PATH ?? deps.env.Path ?? "").split(
    deps.platform === "win32" ? ";" : delimiter,
  );
  const suffixes =
    deps.platform === "win32"
      ? ["", ...(deps.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").toLowerCase().split(";")]
      : [""];
  for (const dir of dirs) {
    if (dir === "") continue;
    for (const suffix of suffixes) {
      const candidate = join(dir, `${name}${suffix}`);
      try {
        const stat = await deps.fs.stat(candidate);
        if (!stat.isFile()) continue;
        if (deps.platform === "win32" ? suffix !== "" : (stat.mode & 0o111) !== 0) return candidate;
      } catch {
        // not there; keep looking
      }
    }
  }
  return undefined;
}
