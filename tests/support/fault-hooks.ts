/**
 * faultHooks(): the crash tests' fault hooks, from the text of AWSMFA_TEST_FAULT, which only
 * the test-only binary reads (tests/support/fault-main.ts; the shipped binary never does):
 *   `exit-after-temp-write`       exit 99 right after a file write has written and fsynced its
 *                                 temp file and before the rename, as a crash at the worst
 *                                 moment would
 *   `exit-after-temp-write:N`     let the first N-1 writes complete and crash the Nth
 *   `exit-after-temp-write:NAME`  crash the first write of a file named NAME (e.g. credentials),
 *                                 whatever else the run writes first (session cache, code windows)
 *   `exit-after-step:N`           exit 99 after step N of `keys move` or `keys rotate`
 *   `pause-after-temp-write:NAME` the first write of a file named NAME waits 5 s between its
 *                                 temp file and the rename, after creating `<temp>.paused`
 *                                 beside it: the signal tests interrupt a write there
 * Anything else arms nothing.
 */
import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { FaultHooks } from "../../src/deps.ts";

export const FAULT_EXIT_CODE = 99;

export function faultHooks(fault: string, exit: (code: number) => never): FaultHooks {
  const step = /^exit-after-step:(\d+)$/.exec(fault);
  if (step) {
    return {
      afterStep: (n) => {
        if (n === Number(step[1])) exit(FAULT_EXIT_CODE);
      },
    };
  }
  const pause = /^pause-after-temp-write:(.+)$/.exec(fault);
  if (pause) {
    let paused = false;
    return {
      afterTempWritten: async (tempPath) => {
        if (paused || !basename(tempPath).startsWith(`.${pause[1]}.`)) return;
        paused = true;
        writeFileSync(`${tempPath}.paused`, "");
        await new Promise((resolve) => setTimeout(resolve, 5000));
      },
    };
  }
  const match = /^exit-after-temp-write(?::(.+))?$/.exec(fault);
  if (!match) return {};
  const target = match[1] ?? "1";
  if (!/^\d+$/.test(target)) {
    return {
      afterTempWritten: (tempPath) => {
        // Temp files are named ".<file name>.<unique>.awsmfa-tmp" next to the file.
        if (basename(tempPath).startsWith(`.${target}.`)) exit(FAULT_EXIT_CODE);
      },
    };
  }
  let writesLeft = Number(target);
  return {
    afterTempWritten: () => {
      if (--writesLeft <= 0) exit(FAULT_EXIT_CODE);
    },
  };
}
