/**
 * A Bun preload that makes loading any shell's Tab completion or prompt hook throw. Tests run
 * awsmfa from source under it to prove that a login never loads them (only shell-init does).
 */
import { plugin } from "bun";

plugin({
  name: "forbid-shell-extras",
  setup(build) {
    build.onLoad({ filter: /src[\\/]shell[\\/][a-z]+[\\/](completion|hook)\.ts$/ }, (args) => {
      throw new Error(`shell extras loaded: ${args.path}`);
    });
  },
});
