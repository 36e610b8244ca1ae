/**
 * Which command lines the cached fast path (index.ts) knows, decided from the words and the
 * environment alone, without commander. A line it does not know exactly as the full CLI would
 * read it (any other flag, `--`, `--debug`, a setting it does not handle) is left to the full
 * CLI: `undefined` here costs nothing but the full start-up.
 */
import { hasCommanderSetting } from "../line-settings.ts";
import { isCommandWord } from "../words.ts";

export type FastInvocation =
  /** `awsmfa PROFILE` / `awsmfa login [PROFILE]`, for the shell (eval, function, --format). */
  | { kind: "login"; profile: string; format: string | undefined; noWrite: boolean; yes: boolean }
  | { kind: "credential-process"; profile: string }
  | { kind: "prompt"; template: string | undefined };

type Env = Readonly<Record<string, string | undefined>>;

/** A word that can only be a value: not empty, not flag-like (commander might read it so). */
function plainWord(word: string | undefined): word is string {
  return word !== undefined && word !== "" && !word.startsWith("-");
}

export function fastInvocation(argv: readonly string[], env: Env): FastInvocation | undefined {
  const [first, ...rest] = argv;
  if (first === "prompt") return promptLine(rest);
  if (hasCommanderSetting(env)) return undefined;
  if (first === "credential-process") {
    return rest.length === 1 && plainWord(rest[0])
      ? { kind: "credential-process", profile: rest[0] }
      : undefined;
  }
  if (first === "login") return loginLine(rest, env);
  if (first !== undefined && !first.startsWith("-") && isCommandWord(first)) return undefined;
  return loginLine(argv, env);
}

function promptLine(words: readonly string[]): FastInvocation | undefined {
  if (words.length === 0) return { kind: "prompt", template: undefined };
  const [flag, value] = words;
  if (words.length === 2 && flag === "--template" && plainWord(value)) {
    return { kind: "prompt", template: value };
  }
  const inline = words.length === 1 && flag?.startsWith("--template=") ? flag.slice(11) : "";
  return inline !== "" ? { kind: "prompt", template: inline } : undefined;
}

function loginLine(words: readonly string[], env: Env): FastInvocation | undefined {
  const named: string[] = [];
  let format: string | undefined;
  let noWrite = false;
  let yes = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith("-")) {
      if (word === "") return undefined;
      named.push(word);
    } else if (word === "--no-write") noWrite = true;
    else if (word === "-y" || word === "--yes") yes = true;
    else if (format === undefined && word === "--format" && plainWord(words[i + 1])) {
      format = words[++i];
    } else if (format === undefined && word.startsWith("--format=") && word.length > 9) {
      format = word.slice(9);
    } else return undefined;
  }
  // Several profiles, or one named twice: the full CLI says what it did with each.
  if (named.length > 1) return undefined;
  // As commander with applyEnv: the argument, else AWS_PROFILE when not empty, else default.
  const profile = named[0] ?? (env.AWS_PROFILE || "default");
  return { kind: "login", profile, format, noWrite, yes };
}
