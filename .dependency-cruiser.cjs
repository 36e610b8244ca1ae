/**
 * The layers of src/, checked by `npm run check` (see README, Development).
 *
 *   main -> cli -> commands -> domain (session, keys, otp, profiles, output, shell)
 *        -> base (config, aws, ini, fs, system, ui) -> deps.ts, errors.ts
 *
 * An import may point down this list or stay inside its own layer; never up. No file may be
 * part of an import cycle (type-only imports count too: a cycle of types is still a knot a
 * reader has to untie).
 */
const main = "^src/main\\.ts$";
const cli = "^src/cli\\.ts$";
const commands = "^src/commands/";
const domain = "^src/(session|keys|otp|profiles|output|shell)/";
const base = "^src/(config|aws|ini|fs|system|ui)/";
const lowest = "^src/(deps|errors)\\.ts$";

/** One rule per layer: what it must not import (everything above it). */
const upward = (name, from, above) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} sits below ${above.join(", ")}: imports point down the layers, never up.`,
  severity: "error",
  from: { path: from },
  to: { path: above.map((layer) => `(${layer})`).join("|") },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import cycle makes files that cannot be read, tested or moved apart.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    upward("cli", cli, [main]),
    upward("commands", commands, [main, cli]),
    upward("domain", domain, [main, cli, commands]),
    upward("base", base, [main, cli, commands, domain]),
    upward("deps-errors", lowest, [main, cli, commands, domain, base]),
    {
      name: "fast-path-stays-small",
      comment:
        "The cached fast path (src/commands/fast/) runs before the full CLI and must not load it: no cli.ts or other commands but the leaf word, setting and login-line readers (commander comes with the rest), no system/index.ts, no child_process, fs/promises, node:crypto, util or events.",
      severity: "error",
      from: { path: "^src/commands/fast/" },
      to: {
        path: "^src/cli\\.ts$|^src/commands/(?!fast/|words\\.ts$|login-command\\.ts$|line-settings\\.ts$|login-line\\.ts$)|^src/system/index\\.ts$|^(node:)?(child_process|fs/promises|crypto|util|events)$",
      },
    },
    {
      name: "src-not-from-tests",
      comment: "The product never imports test code or scripts.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(tests|scripts)/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      severity: "error",
      from: {},
      // The keychain addons of the other targets exist only while build.ts builds for them.
      to: { couldNotResolve: true, pathNot: "^@napi-rs/keyring-" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
