/**
 * The exit status of `awsmfa exec`: the program's own, so scripts see what it said; 128 + n
 * when a signal ended it, as shells report it; 127 and 126 when it could not be started.
 */
import { constants } from "node:os";
import type { InteractiveResult } from "../../deps.ts";
import { pasteable, UserError } from "../../errors.ts";
import { printableInLine, textInLine } from "../../system/printable.ts";

export function exitStatus(result: InteractiveResult, command: string): number {
  const error = result.spawnError;
  if (error) throw startError(error, command);
  if (result.code !== null) return result.code;
  const number = result.signal ? constants.signals[result.signal] : undefined;
  return number === undefined ? 1 : 128 + number;
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
