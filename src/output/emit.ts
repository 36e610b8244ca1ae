/**
 * Writes a login's result: shell code on stdout in wrapped/eval/explicit modes, and in direct
 * mode the lines to copy plus the command that would have applied them.
 */
import type { SessionCredentials } from "../aws/credentials.ts";
import type { Deps } from "../deps.ts";
import { renderExports, renderUnsets, shellForFormat, shellReading } from "../shell/index.ts";
import { stderrStyle } from "../ui/report.ts";
import { isShellFormat, type OutputMode, type ShellFormat } from "./mode.ts";
import {
  credentialProcessJson,
  SESSION_VARIABLE_NAMES,
  type SessionContext,
  sessionVariables,
} from "./variables.ts";
import { forStdout } from "./wrapped-print.ts";

export function emitSession(
  mode: OutputMode,
  session: SessionCredentials,
  context: SessionContext,
  /** The words of the command line that applies it, e.g. ["awsmfa", "prod"] (loginWordsFor). */
  invocation: readonly string[],
  deps: Pick<Deps, "io" | "env">,
): void {
  const vars = sessionVariables(session, context);
  const out = deps.io.stdout;
  if (mode.kind === "explicit") {
    // Printed, also through the shell function: --format asks to see the session, not apply it.
    out.write(
      forStdout(
        deps.env,
        mode.format === "json" ? credentialProcessJson(session) : renderExports(mode.format, vars),
      ),
    );
    return;
  }
  if (mode.kind !== "direct") {
    out.write(renderExports(mode.format, vars));
    return;
  }
  const style = stderrStyle({ env: deps.env, io: { ...deps.io, stderr: deps.io.stdout } });
  out.write(
    [
      style.yellow(
        "Note: awsmfa ran as a program, so it cannot change this shell. To apply the credentials, run:",
      ),
      `  ${applyLine(mode.format, invocation)}`,
      "or load the shell function once (e.g. in your shell's rc file), and `awsmfa` does it for you:",
      `  ${initLine(mode.format, mode.shell)}`,
      "",
      indent(renderExports(mode.format, vars)),
      "Copy and paste the lines above to apply the credentials.",
      "",
    ].join("\n"),
  );
}

export function emitUnset(mode: OutputMode, deps: Pick<Deps, "io" | "env">): void {
  // `--format json` or dotenv: there is nothing to unset in those, so POSIX lines.
  const format: ShellFormat = isShellFormat(mode.format) ? mode.format : "sh";
  const code = renderUnsets(format, SESSION_VARIABLE_NAMES);
  if (mode.kind !== "direct") {
    deps.io.stdout.write(mode.kind === "explicit" ? forStdout(deps.env, code) : code);
    return;
  }
  deps.io.stdout.write(
    [
      "Note: awsmfa ran as a program, so it cannot change this shell. Run these lines (or use the shell function):",
      indent(code),
    ].join("\n"),
  );
}

/** The line to paste, every word quoted for the shell (a profile name may hold anything). */
function applyLine(format: ShellFormat, invocation: readonly string[]): string {
  const shell = shellForFormat(format);
  return shell.applyLine(invocation);
}

/** The line that loads the function of the user's shell (zsh's for zsh, else the format's). */
function initLine(format: ShellFormat, name: string): string {
  const own = shellReading(name);
  return (own?.exportFormat === format ? own : shellForFormat(format)).loadLine;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line ? `  ${line}` : line))
    .join("\n");
}
