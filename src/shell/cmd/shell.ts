/**
 * cmd.exe as a format only: `--format cmd` lines for a batch file run with `call`. There is no
 * `awsmfa` function, completion, prompt hook or rc file for cmd, so it is not offered by
 * `awsmfa shell-init`; shell/index.ts lists it among the formats alone.
 */
import { isPlainWord } from "../completion-spec.ts";
import type { ShellSyntax } from "../syntax.ts";
import { cmdSyntax } from "./index.ts";

export const cmd: ShellSyntax = {
  name: "cmd",
  exportFormat: "cmd",
  ...cmdSyntax,
  initScript: () => {
    throw new Error("cmd.exe has no awsmfa function (it is a --format only)");
  },
  word: (word) => (isPlainWord(word) ? word : cmdSyntax.quote(word)),
  loadLine: "",
  // Each line echoed as it is (`echo(` prints an empty line or one starting with a space too).
  printText: (text) =>
    `${text
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => `@echo(${line.replace(/%/g, "%%")}`)
      .join("\n")}\n`,
  applyLine: (command) =>
    `${command} --format cmd > "%TEMP%\\awsmfa.cmd" && call "%TEMP%\\awsmfa.cmd"`,
  // A batch file that `call`s the output stops there, with a failing errorlevel.
  failureCode: "@exit /b 1\n",
};
