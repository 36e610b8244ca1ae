/**
 * awsmfa sources: the MFA code sources, which of them work on this machine, and which one each
 * profile uses (from its awsmfa_* keys and the AWSMFA_* variables). Reads the config files and
 * PATH; calls no AWS service and runs no password manager.
 */
import { Command } from "@commander-js/extra-typings";
import { readAwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { ExitCode } from "../errors.ts";
import { type Overview, sourcesOverview } from "../otp/overview.ts";
import { printableInLine, textInLine } from "../system/printable.ts";
import { styleFor, useColour } from "../ui/report.ts";
import { cellWidth, padCell, widerFor } from "../ui/table.ts";
import type { CommandContext } from "./context.ts";
import { envLayer } from "./options/otp.ts";

export interface SourcesOptions {
  json: boolean;
}

export function sourcesCommand({ deps, state }: CommandContext) {
  return new Command("sources")
    .description("list the MFA code sources, which work here, and what each profile uses")
    .option("--json", "print JSON instead of a table", false)
    .action(async (raw) => {
      state.exitCode = await runSources(parseSources(raw), deps);
    });
}

export function parseSources(raw: { json?: boolean | undefined }): SourcesOptions {
  return { json: raw.json === true };
}

export async function runSources(options: SourcesOptions, deps: Deps): Promise<number> {
  const files = await readAwsFiles(deps);
  const overview = await sourcesOverview(files, envLayer(deps.env), deps);
  deps.io.stdout.write(
    options.json
      ? `${JSON.stringify(overview, null, 2)}\n`
      : renderOverview(overview, useColour(deps.env, deps.io.stdout.isTTY)),
  );
  return ExitCode.ok;
}

/** The table people read. */
export function renderOverview(overview: Overview, colour: boolean): string {
  const style = styleFor(colour);
  const lines = ["Code sources (choose with --otp-source or awsmfa_otp_source):"];
  const nameWidth = overview.sources.reduce((w, s) => widerFor(w, cellWidth(s.name)), 0);
  for (const s of overview.sources) {
    const here = s.available ? style.green("yes") : style.red("no ");
    lines.push(`  ${padCell(s.name, nameWidth)}  ${here}  ${s.summary}`);
    if (!s.available || s.detail.startsWith("/")) {
      lines.push(`  ${" ".repeat(nameWidth)}       ${style.dim(textInLine(s.detail))}`);
    }
  }
  lines.push("");
  if (overview.profiles.length === 0) {
    lines.push("No profiles in the AWS config files yet.");
    return `${lines.join("\n")}\n`;
  }
  lines.push("Profiles:");
  // Names, settings and errors each shown in one line: the table's rows are one line each.
  const width = overview.profiles.reduce(
    (w, p) => widerFor(w, cellWidth(printableInLine(p.profile))),
    0,
  );
  const available = new Map(overview.sources.map((s) => [s.name, s.available]));
  for (const p of overview.profiles) {
    const head = `  ${padCell(printableInLine(p.profile), width)}  `;
    if (p.error) {
      lines.push(`${head}${style.red(padCell("error", nameWidth))}  ${textInLine(p.error)}`);
      continue;
    }
    const settings = Object.values(p.settings).map((v) =>
      textInLine(`${v.from.split(" ")[0]}=${JSON.stringify(v.value)}`),
    );
    const why = p.from === "default" ? "(default)" : `(${textInLine(p.from ?? "")})`;
    const missing = available.get(p.source!) ? "" : style.yellow(" [not available here]");
    const source = padCell(p.source!, nameWidth);
    lines.push(`${head}${[source, ...settings, style.dim(why)].join("  ")}${missing}`);
  }
  return `${lines.join("\n")}\n`;
}
