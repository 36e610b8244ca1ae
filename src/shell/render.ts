/**
 * Whole blocks of shell code from lists of variables: what `awsmfa login` prints for eval,
 * what `awsmfa unset` prints, and `--format dotenv` files. Each line ends with a newline.
 */
import { cmd } from "./cmd/index.ts";
import { dotenvLine } from "./dotenv.ts";
import { fish } from "./fish/index.ts";
import { bash } from "./posix/index.ts";
import { powershell } from "./powershell/index.ts";
import type { ExportFormat, ExportSyntax } from "./syntax.ts";

const byFormat: Record<ExportFormat, ExportSyntax> = { sh: bash, fish, powershell, cmd };

export function renderExports(
  format: ExportFormat | "dotenv",
  vars: ReadonlyArray<readonly [string, string]>,
): string {
  const line =
    format === "dotenv"
      ? dotenvLine
      : (name: string, value: string) => byFormat[format].setVar(name, value);
  return vars.map(([name, value]) => `${line(name, value)}\n`).join("");
}

export function renderUnsets(format: ExportFormat, names: readonly string[]): string {
  const syntax = byFormat[format];
  return names.map((name) => `${syntax.unsetVar(name)}\n`).join("");
}
