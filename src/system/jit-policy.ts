/**
 * How reluctant JavaScriptCore's JIT is in each part of a run: the scale of its tier-up
 * thresholds (Bun's `--compile-jit-policy` and `Bun.unsafe.setJITPolicy`; 1 is the normal
 * JIT, 4 waits four times as long before compiling a function). Code that runs once is best
 * left in the interpreter: compiling it costs more than it saves. Loops over every profile
 * (list at 10k profiles: 8% less CPU) want the normal JIT.
 *
 * - The build starts every run at RUN_ONCE_JIT_POLICY (build.ts): the cached fast path, whose
 *   code runs once (~1 ms of a cached login).
 * - Commander's start-up (loading it, defining the commands, parsing) runs at
 *   CLI_START_JIT_POLICY: `--help` defines every command and renders them, and at 4
 *   JavaScriptCore still compiled ~15 of commander's and the builtins' functions (0.8-1.9 ms
 *   of compiling, 4 MiB); at 100, none. The lines read without commander (a login with its
 *   code, `shell-init SHELL`, `list`) skip this step.
 * - The command's action then runs at actionJitPolicy(command).
 */

/** The policy the build starts every run with (build.ts, --compile-jit-policy). */
export const RUN_ONCE_JIT_POLICY = 4;

/** The full CLI's own start-up: loading the modules, defining the commands, parsing. */
export const CLI_START_JIT_POLICY = 100;

/** The normal JIT. */
const NORMAL_JIT_POLICY = 1;

/**
 * Commands whose run does one thing once (read a few profiles, make one AWS call, write one
 * section): they keep the run-once policy, whose compiling would not pay back (the normal JIT
 * cost a fresh login 5 ms of CPU; at 4, JavaScriptCore compiles nothing in one at 10
 * profiles). A fresh login at 100,000 profiles runs its long loops at 4 as well: at 100 or
 * more its CPU grew by ~15 ms. exec's credential server answers a request now and then for
 * hours, each answer the same few functions: what is hot there is compiled at 4 all the same.
 * The others may go over every profile (list, logout --all, doctor, keys, completion data)
 * and get the normal JIT.
 */
const SHORT_RUNS: readonly string[] = [
  "login",
  "credential-process",
  "exec",
  "console",
  "whoami",
  "status",
];

/** The policy a command's action runs with. */
export function actionJitPolicy(command: string): number {
  return SHORT_RUNS.includes(command) ? RUN_ONCE_JIT_POLICY : NORMAL_JIT_POLICY;
}
