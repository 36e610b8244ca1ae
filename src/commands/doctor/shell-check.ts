/**
 * Is the shell integration loaded? The `awsmfa` function runs passthrough commands such as
 * doctor with AWSMFA_FUNCTION=<shell>; without it, doctor looks at the rc file of the
 * user's shell to tell "not set up" from "set up, but not loaded here".
 */
import type { Deps } from "../../deps.ts";
import { readRegularText } from "../../fs/read-regular.ts";
import { userShell } from "../../output/mode.ts";
import { type RcFile, shellSyntax } from "../../shell/index.ts";
import { printableInLine } from "../../system/printable.ts";
import { type Finding, ok, warn } from "./finding.ts";

type ShellDeps = Pick<Deps, "env" | "homedir" | "fs" | "platform">;

/** Where the user's shell's integration line goes, as the installer writes it. */
export function rcFileFor(shell: string, deps: Omit<ShellDeps, "fs">): RcFile | undefined {
  return shellSyntax(shell)?.rcFile?.({
    home: deps.homedir,
    env: deps.env,
    platform: deps.platform,
  });
}

export async function checkShell(deps: ShellDeps): Promise<Finding[]> {
  const loaded = deps.env.AWSMFA_FUNCTION;
  if (loaded) return [ok(`The awsmfa shell function is loaded in this shell (${loaded}).`)];
  const shell = userShell(deps.env);
  const rc = rcFileFor(shell, deps);
  if (!rc) {
    return [
      warn(
        `The awsmfa shell function is not loaded, and awsmfa has no start-up file for ${shell}.`,
        'Load it from your shell\'s start-up file: eval "$(awsmfa shell-init sh)" (sh, dash), or awsmfa shell-init powershell | Out-String | Invoke-Expression',
      ),
    ];
  }
  for (const path of [rc.path, ...(rc.also ?? [])]) {
    const text = (await readRegularText(deps.fs, path).catch(() => null)) ?? "";
    if (/awsmfa/.test(text) && /shell-init/.test(text)) {
      return [
        warn(
          `The awsmfa shell function is set up in ${printableInLine(path)}, but not loaded where doctor ran.`,
          `Open a new shell (or load ${printableInLine(path)} again), then run \`awsmfa doctor\` there.`,
        ),
      ];
    }
  }
  return [
    warn(
      "The awsmfa shell function is not set up: `awsmfa prod` cannot change this shell's variables.",
      `Add this line to ${printableInLine(rc.path)}, then open a new shell:\n${rc.line}`,
    ),
  ];
}
