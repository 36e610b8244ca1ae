/**
 * Whether the environment sets an AWSMFA_* variable that only commander's reading of a login
 * line knows what to do with. The two readers that go without commander, the cached fast path
 * (fast/invocation.ts) and a login with its code typed (known-login.ts), take a line only when
 * none is set but those a login puts into the shell and the shell function sets (which back
 * no login option) and AWSMFA_MIN_REMAINING (which both read as commander reads it). Any other
 * (a code source, a duration, --notify's, the debug trace) leaves the line to commander.
 */
const LEFT_ALONE = new Set([
  "AWSMFA_SHELL",
  "AWSMFA_FUNCTION",
  "AWSMFA_EXPIRES",
  "AWSMFA_CACHE_DIR",
  "AWSMFA_MIN_REMAINING",
  "AWSMFA_PROMPT_TEMPLATE",
  // Read from the environment at each question (ui/question-deadline.ts), by any reader.
  "AWSMFA_QUESTION_TIMEOUT",
]);

export function hasCommanderSetting(env: Readonly<Record<string, string | undefined>>): boolean {
  for (const name in env) {
    if (name.startsWith("AWSMFA_") && env[name] !== "" && !LEFT_ALONE.has(name)) return true;
  }
  return false;
}
