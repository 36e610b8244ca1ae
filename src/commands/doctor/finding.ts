/**
 * What `awsmfa doctor` reports: findings grouped in sections, each with what to do about it,
 * printed for people. Only "problem" findings make the exit code non-zero; warnings are
 * things that work but could work better.
 */

import { PASTE_CLOSE, PASTE_OPEN, quotePasteables } from "../../errors.ts";
import { shellReading } from "../../shell/index.ts";
import { textInLine } from "../../system/printable.ts";
import type { Style } from "../../ui/report.ts";

export type Level = "ok" | "info" | "warn" | "problem";

export interface Finding {
  level: Level;
  text: string;
  /** What to do: a command to run or a setting to change. */
  fix?: string;
}

export interface Section {
  title: string;
  findings: Finding[];
}

export const ok = (text: string): Finding => ({ level: "ok", text });
export const info = (text: string): Finding => ({ level: "info", text });
export const warn = (text: string, fix?: string): Finding => ({ level: "warn", text, fix });
export const problem = (text: string, fix?: string): Finding => ({ level: "problem", text, fix });

const MARKS: Record<Level, (style: Style) => string> = {
  ok: (style) => style.green("✓"),
  info: (style) => style.dim("·"),
  warn: (style) => style.yellow("!"),
  problem: (style) => style.red("✗"),
};

/** `quote` is the user's shell's quoting, for the values fixes mark with pasteable(). */
export function renderReport(
  sections: readonly Section[],
  style: Style,
  quote: (value: string) => string = shellReading("sh")!.quote,
): string {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(style.bold(section.title));
    for (const finding of section.findings) {
      lines.push(
        `  ${MARKS[finding.level](style)} ${quotePasteables(oneLine(finding.text), quote)}`,
      );
      if (finding.fix) {
        const [first, ...rest] = quotePasteables(finding.fix, quote).split("\n");
        lines.push(`      fix: ${first}`, ...rest.map((line) => `           ${line}`));
      }
    }
    lines.push("");
  }
  lines.push(summary(sections));
  return `${lines.join("\n")}\n`;
}

/**
 * A finding is one line: a path or program output it quotes cannot start another. Values
 * marked pasteable() are left for the shell's quoting, which keeps them exact and in one line.
 */
function oneLine(text: string): string {
  return text
    .split(PASTE_OPEN)
    .map((part, i) => {
      const close = i === 0 ? -1 : part.indexOf(PASTE_CLOSE);
      return part.slice(0, close + 1) + textInLine(part.slice(close + 1));
    })
    .join(PASTE_OPEN);
}

export function count(sections: readonly Section[], level: Level): number {
  return sections.reduce((n, s) => n + s.findings.filter((f) => f.level === level).length, 0);
}

function summary(sections: readonly Section[]): string {
  const problems = count(sections, "problem");
  const warnings = count(sections, "warn");
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (problems === 0 && warnings === 0) return "No problems found.";
  if (problems === 0) return `No problems found; ${plural(warnings, "warning")}.`;
  return `${plural(problems, "problem")} found${warnings > 0 ? `, ${plural(warnings, "warning")}` : ""}.`;
}
