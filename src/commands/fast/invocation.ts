/**
 * Which command lines the cached fast path (index.ts) knows, decided from the words and the
 * environment alone, without commander. A line it does not know exactly as the full CLI would
 * read it (any other flag, `--`, `--debug`, a setting it does not handle) is left to the full
 * CLI: `undefined` here costs nothing but the full start-up.
 */
import { hasCommanderSetting } from "../line-settings.ts";
import { loginLine, plainWord } from "../login-line.ts";

export type FastInvocation =
  /** `awsmfa PROFILE` / `awsmfa login [PROFILE]`, for the shell (eval, function, --format). */
  | { kind: "login"; profile: string; format: string | undefined; noWrite: boolean; yes: boolean }
  | { kind: "credential-process"; profile: string }
  | { kind: "prompt"; template: string | undefined };

type Env = Readonly<Record<string, string | undefined>>;

export function fastInvocation(argv: readonly string[], env: Env): FastInvocation | undefined {
  const [first, ...rest] = argv;
  if (first === "prompt") return promptLine(rest);
  if (hasCommanderSetting(env)) return undefined;
  if (first === "credential-process") {
    return rest.length === 1 && plainWord(rest[0])
      ? { kind: "credential-process", profile: rest[0]! }
      : undefined;
  }
  return cachedLogin(argv, env);
}

function promptLine(words: readonly string[]): FastInvocation | undefined {
  if (words.length === 0) return { kind: "prompt", template: undefined };
  const [flag, value] = words;
  if (words.length === 2 && flag === "--template" && plainWord(value)) {
    return { kind: "prompt", template: value! };
  }
  const inline = words.length === 1 && flag?.startsWith("--template=") ? flag.slice(11) : "";
  return inline !== "" ? { kind: "prompt", template: inline } : undefined;
}

/** A login line without a code (one with --otp is a fresh login: the full CLI's). */
function cachedLogin(argv: readonly string[], env: Env): FastInvocation | undefined {
  const line = loginLine(argv);
  if (line === undefined || line.otp !== undefined) return undefined;
  // As commander with applyEnv: the argument, else AWS_PROFILE when not empty, else default.
  const profile = line.profile ?? (env.AWS_PROFILE || "default");
  return { kind: "login", profile, format: line.format, noWrite: line.noWrite, yes: line.yes };
}
