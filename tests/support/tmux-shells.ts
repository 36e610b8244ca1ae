/**
 * How tmux.ts starts each shell clean: which program and arguments, which rc file, and the
 * prompt. Every prompt is "$ " and sets the pane title to READY_TITLE with an OSC 2 escape,
 * marked as zero-width so line editors measure the prompt right.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ShellKind } from "./tmux.ts";

export interface ShellSetup {
  argv: string[];
  /** Variables the shell needs to find its rc file. */
  env: Record<string, string>;
}

// The title is READY_TITLE of tmux.ts (not imported: tmux.ts imports this file).

function which(name: string): string {
  const path = Bun.which(name);
  if (path === null) throw new Error(`${name} is not installed`);
  return path;
}

export async function shellSetup(kind: ShellKind, dir: string, rc: string): Promise<ShellSetup> {
  switch (kind) {
    case "bash": {
      const file = join(dir, "bashrc");
      await writeFile(
        file,
        [
          "PS1='\\[\\e]2;awsmfa-ready\\a\\]$ '",
          "PS2='> '",
          "unset PROMPT_COMMAND HISTFILE",
          rc,
          "",
        ].join("\n"),
      );
      return { argv: [which("bash"), "--noprofile", "--rcfile", file, "-i"], env: {} };
    }
    case "zsh": {
      // -d skips /etc/zsh/zshrc and friends; ZDOTDIR points zsh at our .zshrc alone.
      await writeFile(
        join(dir, ".zshrc"),
        [
          "PS1=$'%{\\e]2;awsmfa-ready\\a%}$ '",
          "PS2='> '",
          "RPS1=''",
          "unset HISTFILE",
          // Output without a final newline stays visible, as in bash, instead of being
          // overwritten (PROMPT_CR) or marked with an inverse % (PROMPT_SP).
          "unsetopt PROMPT_CR PROMPT_SP",
          rc,
          "",
        ].join("\n"),
      );
      return { argv: [which("zsh"), "-d", "-i"], env: { ZDOTDIR: dir } };
    }
    case "fish": {
      const file = join(dir, "config.fish");
      await writeFile(
        file,
        [
          "function fish_prompt; printf '\\e]2;awsmfa-ready\\a$ '; end",
          "function fish_right_prompt; end",
          "function fish_mode_prompt; end",
          "set -g fish_greeting ''",
          "set -g fish_autosuggestion_enabled 0",
          rc,
          "",
        ].join("\n"),
      );
      return {
        argv: [which("fish"), "--no-config", "--private", "-i", "-C", `source '${file}'`],
        env: {},
      };
    }
    case "dash": {
      // dash reads $ENV when interactive; it has no line editor, so no width bookkeeping.
      const file = join(dir, "dashrc");
      await writeFile(
        file,
        ["PS1=\"$(printf '\\033]2;awsmfa-ready\\007')\\$ \"", "PS2='> '", rc, ""].join("\n"),
      );
      return { argv: [which("dash"), "-i"], env: { ENV: file } };
    }
  }
}
