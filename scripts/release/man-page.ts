/**
 * The man page awsmfa.1, made from the command table itself: each command's section is the
 * text `awsmfa help COMMAND` prints (commander's help for that command), so the two cannot
 * disagree. Built with an empty environment and HOME, as a fresh install would print it.
 *
 *   bun scripts/release/man-page.ts > awsmfa.1
 */
import { buildProgram } from "../../src/cli.ts";
import { COMMANDS } from "../../src/commands/index.ts";
import type { Deps } from "../../src/deps.ts";

export interface Section {
  name: string;
  /** Exactly what `awsmfa help NAME` prints on stdout. */
  text: string;
}

/** The main help, then one section per command listed in --help. */
export async function manualSections(version: string): Promise<Section[]> {
  let printed = "";
  const sink = {
    write: (text: string) => {
      printed += text;
      return true;
    },
    isTTY: false,
  };
  const deps = {
    env: {},
    io: { stdout: sink, stderr: sink },
    build: { version, commit: "unknown" },
    platform: "linux",
    homedir: "/nonexistent",
    selfPath: "/usr/local/bin/awsmfa",
    selfCommand: ["/usr/local/bin/awsmfa"],
  } as unknown as Deps;
  const program = await buildProgram({ deps, state: { exitCode: 0, outputMode: undefined } });
  // outputHelp, not helpInformation: only it adds the text commands append to their help.
  const help = (command: typeof program) => {
    printed = "";
    command.outputHelp();
    return printed;
  };
  const sections: Section[] = [{ name: "awsmfa", text: help(program) }];
  for (const entry of COMMANDS.filter((e) => !e.hidden)) {
    const command = program.commands.find((c) => c.name() === entry.name);
    if (command) sections.push({ name: entry.name, text: help(command as typeof program) });
  }
  return sections;
}

/** roff: backslashes escaped, lines that would read as requests protected. */
const roff = (text: string) =>
  text
    .replace(/\\/g, "\\e")
    .split("\n")
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join("\n");

export function renderManPage(sections: readonly Section[], version: string, summary: string) {
  const [main, ...commands] = sections;
  const parts = [
    `.TH AWSMFA 1 "" "awsmfa ${version}" "User Commands"`,
    ".SH NAME",
    `awsmfa \\- ${roff(summary)}`,
    ".SH SYNOPSIS",
    ".B awsmfa",
    "[\\fIPROFILE\\fR] [\\fIOPTIONS\\fR]",
    ".br",
    ".B awsmfa",
    "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]",
    ".SH DESCRIPTION",
    ".nf",
    roff(main!.text.trimEnd()),
    ".fi",
    ".SH COMMANDS",
    "Each section is what \\fBawsmfa help\\fR \\fICOMMAND\\fR prints.",
  ];
  for (const section of commands) {
    parts.push(`.SS ${section.name}`, ".nf", roff(section.text.trimEnd()), ".fi");
  }
  parts.push(
    ".SH SEE ALSO",
    "The full reference: https://github.com/awsmfa/awsmfa/tree/main/docs",
    "",
  );
  return parts.join("\n");
}

if (import.meta.main) {
  const pkg = (await import("../../package.json")).default;
  const sections = await manualSections(pkg.version);
  process.stdout.write(renderManPage(sections, pkg.version, pkg.description));
}
