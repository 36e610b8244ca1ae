/**
 * A holder whose lock file is replaced by a FIFO before it confirms the lock, on the real
 * Deps.fs (synchronous calls): prints how confirm() ended. Run in its own process by
 * lock-confirm-fifo.test.ts, which kills it if it blocks (a blocked main thread cannot be
 * timed out from inside).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withHeldLock } from "../../../src/fs/lock.ts";
import { syncFileSystem } from "../../../src/system/sync-fs.ts";

const dir = mkdtempSync(join(tmpdir(), "awsmfa-confirm-fifo-"));
const path = join(dir, "credentials");
writeFileSync(path, "");
const said = await withHeldLock(syncFileSystem(), path, async (held) => {
  rmSync(`${path}.lock`);
  execFileSync("mkfifo", [`${path}.lock`]);
  return held.confirm().then(
    () => "confirmed",
    (error: Error) => `refused: ${error.message}`,
  );
}).catch((error: Error) => `failed: ${error.message}`);
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${said.replaceAll(dir, "DIR")}\n`);
