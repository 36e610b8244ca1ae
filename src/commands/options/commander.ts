/**
 * commander, for the modules that define commands and options, without a static import: a
 * login the full CLI runs without a parser (known-login.ts) loads login.ts and the option
 * modules for their pure parts only, and evaluating commander would cost it ~1 ms. cli.ts
 * hands over the module it imported to build the program (so `--help` pays nothing more);
 * anything else that defines a command first loads it here. `require` keeps the definitions
 * synchronous; the bundler keeps the call lazy.
 */
type Commander = typeof import("@commander-js/extra-typings");

let loaded: Commander | undefined;

/** The module cli.ts imported to build the program. */
export function useCommander(module: Commander): void {
  loaded = module;
}

export function commander(): Commander {
  loaded ??= require("@commander-js/extra-typings") as Commander;
  return loaded;
}
