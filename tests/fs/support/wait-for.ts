import { existsSync } from "node:fs";

/** Polls until every path exists, or fails after timeoutMs. */
export async function waitForFiles(paths: string[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!paths.every((path) => existsSync(path))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${paths.join(", ")}`);
    await Bun.sleep(5);
  }
}
