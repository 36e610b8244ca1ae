/**
 * confirm() reads the lock file again just before the write. With Deps.fs on synchronous calls
 * (system/sync-fs.ts) a read that blocks blocks the whole process, Ctrl-C's handler included:
 * a FIFO planted at the lock's name must be refused at once, never waited on.
 */
import { expect, test } from "bun:test";
import { startScript } from "./support/run-script.ts";

test.skipIf(process.platform === "win32")(
  "a FIFO planted at the lock's name is refused by confirm(), not opened for a blocking read",
  async () => {
    const { child, done, go } = startScript("confirm-fifo.ts", []);
    go();
    const blocked = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const result = await done;
    clearTimeout(blocked);
    expect({ code: result.code, stderr: result.stderr, killed: child.signalCode }).toEqual({
      code: 0,
      stderr: "",
      killed: null,
    });
    expect(result.stdout).toStartWith("refused: Another process took the lock of DIR/credentials ");
  },
  20_000,
);
