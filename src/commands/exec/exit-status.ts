/**
 * The exit status of `awsmfa exec`: the program's own, so scripts see what it said; 128 + n
 * when a signal ended it, as shells report it; 127 and 126 when it could not be started.
 */
import { constants } from "node:os";
import { join } from "node:path";
import type { Deps, InteractiveResult } from "../../deps.ts";
import { pasteable, UserError } from "../../errors.ts";
import { printableInLine, textInLine } from "../../system/printable.ts";
import { findProgram } from "../../system/which.ts";

export function exitStatus(result: InteractiveResult, command: string): number {
  const error = result.spawnError;
  if (error) throw startError(error, command);
  if (result.code !== null) return result.code;
  const number = result.signal ? constants.signals[result.signal] : undefined;
  return number === undefined ? 1 : 128 + number;
}

/**
 * Refuses, before a session is made and a code asked for, a command that is not there: a
 * bare name that no folder of PATH holds (exit 127, what the spawn after the session says).
 * A path (./x, /usr/bin/x), or no PATH at all (the spawn then looks in its default folders),
 * is left to the spawn; so is a name that PATH holds but that is no program (exit 126 then).
 * On Windows, where the spawn adds .exe and more, a name findProgram finds with PATHEXT.
 */
export async function checkCommand(
  command: string,
  deps: Pick<Deps, "env" | "platform" | "fs" | "homedir">,
): Promise<void> {
  const windows = deps.platform === "win32";
  if (command === "" || command.includes("/") || (windows && command.includes("\\"))) return;
  const pathVar = deps.env.PATH; // On Windows too (system/windows-env.ts)
  if (!pathVar) return;
  if (windows) {
    if ((await findProgram(command, deps)) !== undefined) return;
  } else {
    // As execvp: an empty entry is the current folder.
    for (const folder of pathVar.split(":")) {
      const there = await deps.fs.stat(join(folder || ".", command)).then(
        () => true,
        () => false,
      );
      if (there) return;
    }
  }
  throw startError(Object.assign(new Error("no such command"), { code: "ENOENT" }), command);
}

function startError(error: NodeJS.ErrnoException, command: string): UserError {
  if (error.code === "ENOENT") {
    return new UserError(`Cannot run "${printableInLine(command)}": no such command.`, {
      code: "commandNotFound",
      hint: "Check the name and your PATH. awsmfa runs it without a shell, so aliases, shell functions and built-ins need one: awsmfa exec PROFILE -- sh -c '...'.",
    });
  }
  if (error.code === "ENOEXEC") {
    return new UserError(
      `Cannot run "${printableInLine(command)}": it is not an executable program.`,
      {
        code: "commandNotExecutable",
        hint: "It is marked executable, but a script needs a first line naming its interpreter (#!/bin/sh), or run it through one: awsmfa exec PROFILE -- sh SCRIPT.",
      },
    );
  }
  if (error.code === "EACCES" || error.code === "EISDIR") {
    return new UserError(
      `Cannot run "${printableInLine(command)}": it is not an executable program.`,
      {
        code: "commandNotExecutable",
        hint: `Make it executable (chmod +x ${pasteable(command)}), or run it through its interpreter.`,
      },
    );
  }
  return new UserError(`Cannot run "${printableInLine(command)}": ${textInLine(error.message)}.`, {
    code: "commandNotExecutable",
  });
}
