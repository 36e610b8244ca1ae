/** The command table (loaded lazily) must say what the commands themselves say. */

import { describe, expect, test } from "bun:test";
import { buildProgram } from "../../src/cli.ts";
import { COMMANDS, entriesFor } from "../../src/commands/index.ts";
import { EVAL_COMMANDS } from "../../src/commands/words.ts";
import { testDeps } from "../support/test-deps.ts";

const { deps } = testDeps();

describe("the command table", () => {
  test("names and aliases match each command's definition", async () => {
    const program = await buildProgram({ deps, state: { exitCode: 0, outputMode: undefined } });
    const loaded = program.commands.map((c) => ({ name: c.name(), aliases: c.aliases() }));
    expect(loaded).toEqual(COMMANDS.map((e) => ({ name: e.name, aliases: [...e.aliases] })));
  });

  test("the shell evaluates the output of login, unset and logout only", () => {
    expect([...EVAL_COMMANDS].sort()).toEqual(["login", "logout", "unset"]);
  });

  test.each([
    [["prod"], ["login"]],
    [[], ["login"]],
    [["--profile", "x"], ["login"]],
    [["whoami", "--json"], ["whoami"]],
    [["ls"], ["list"]],
    [["--version"], []],
    [["--help"], COMMANDS.map((e) => e.name)],
    // Its completions are rendered ahead of time (src/shell/built-extras.ts).
    [["shell-init", "bash"], ["shell-init"]],
    [["shell-init"], ["shell-init"]],
    [["help", "login"], COMMANDS.map((e) => e.name)],
    // --debug is the program's own flag (README: any command), so it may come first.
    [["--debug", "shell-init", "bash"], ["shell-init"]],
    [["--debug", "ls"], ["list"]],
    [["--debug", "--debug", "whoami"], ["whoami"]],
    [["--debug", "prod"], ["login"]],
    [["--debug"], ["login"]],
    [["--debug", "--version"], []],
    [["--debug", "--help"], COMMANDS.map((e) => e.name)],
  ])("%p loads %p", (argv, names) => {
    expect(entriesFor(argv).map((e) => e.name)).toEqual(names);
  });
});
