/**
 * Deps whose stderr is the terminal (or nowhere), for commands whose stdout and stderr belong
 * to another program: credential-process, whose caller parses stdout and may show stderr.
 * The terminal is opened only if something is actually said.
 */
import type { Deps } from "../deps.ts";

export function terminalOnly(deps: Deps): Deps {
  return {
    ...deps,
    io: {
      ...deps.io,
      stderr: {
        isTTY: false,
        // The --debug trace still goes to stderr: it is asked for, by whoever reads stderr.
        write: (text) =>
          text.startsWith("awsmfa debug: ")
            ? deps.io.stderr.write(text)
            : deps.terminal()?.write(text),
      },
    },
  };
}
