/**
 * The few error types awsmfa raises, and the one exit-code table.
 *
 * Every failure a user can hit is a UserError (or a subclass): its message says what failed,
 * its hint says what to do. Anything else that escapes is a bug and exits with `failure`.
 * The table is documented in the README; scripts rely on it, so codes never change meaning.
 */
export const ExitCode = {
  ok: 0,
  /** Unexpected failure (a bug, or an error awsmfa does not know how to explain); output that could not be written. */
  failure: 1,
  /** Bad command line: unknown flag, malformed value, wrong number of arguments. */
  usage: 2,
  /** Local configuration: profile, keys, device or files missing or inconsistent. */
  config: 3,
  /** AWS refused: wrong or reused code, invalid or expired keys, access denied. */
  auth: 4,
  /** AWS could not be reached: network down, timeout, throttling. */
  network: 5,
  /** No valid session (status): expired or missing. */
  noSession: 6,
  /** Input is needed (a code, an answer) but there is no terminal to ask on. */
  noTerminal: 7,
  /** The code source (password manager, YubiKey, command) is locked, missing, slow or broken. */
  otpSource: 8,
  /** `awsmfa doctor` found something broken (insecure files, clock far off, a bad profile). */
  unhealthy: 9,
  /** exec: the command exists but cannot be run (not executable), as shells say. */
  commandNotExecutable: 126,
  /** exec: no such command, as shells say. */
  commandNotFound: 127,
  /** Cancelled by the user (Ctrl-C, or answering "no"). 128 + SIGINT, as shells do. */
  cancelled: 130,
} as const;

/**
 * The signals that end a run cleanly (its temp files removed, its locks released). Their exit
 * code is 128 + the signal's number, as shells report a process that signal killed (bash: 129,
 * 130, 143), as the AWS CLI exits for them, and as git does (it cleans up, then re-raises).
 */
export const INTERRUPT_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
export type InterruptSignal = keyof typeof INTERRUPT_SIGNALS;

/** 128 + the signal's number: 129 for SIGHUP, 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: InterruptSignal): number {
  return 128 + INTERRUPT_SIGNALS[signal];
}

export type ExitCodeName = keyof typeof ExitCode;

export interface UserErrorOptions {
  /** What the user should do next; printed on its own line after the message. */
  hint?: string;
  code?: ExitCodeName;
  cause?: unknown;
}

/** A failure the user can act on. The message must never contain a secret. */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly code: ExitCodeName;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "UserError";
    this.hint = options.hint;
    this.code = options.code ?? "config";
  }
}

/** The command line itself is wrong. */
export class UsageError extends UserError {
  constructor(message: string, options: Omit<UserErrorOptions, "code"> = {}) {
    super(message, { ...options, code: "usage" });
    this.name = "UsageError";
  }
}

/** AWS answered, and said no. */
export class AuthError extends UserError {
  constructor(message: string, options: Omit<UserErrorOptions, "code"> = {}) {
    super(message, { ...options, code: "auth" });
    this.name = "AuthError";
  }
}

/** AWS did not answer in time, or could not be reached. */
export class NetworkError extends UserError {
  constructor(message: string, options: Omit<UserErrorOptions, "code"> = {}) {
    super(message, { ...options, code: "network" });
    this.name = "NetworkError";
  }
}

/** The user stopped us (Ctrl-C at a prompt, or declined a confirmation), or a signal did. */
export class CancelledError extends UserError {
  /** The signal that ended the run, when one did: its exit code is 128 + its number. */
  readonly signal: InterruptSignal | undefined;

  constructor(
    message = "Cancelled.",
    options: Omit<UserErrorOptions, "code"> & { signal?: InterruptSignal | undefined } = {},
  ) {
    const { signal, ...rest } = options;
    super(message, { ...rest, code: "cancelled" });
    this.name = "CancelledError";
    this.signal = signal;
  }
}

/** The CancelledError of a run a signal ends ("Cancelled.", exit 128 + its number). */
export function cancelledBy(signal: InterruptSignal | undefined): CancelledError {
  return new CancelledError(undefined, { signal });
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CancelledError && error.signal) return signalExitCode(error.signal);
  if (error instanceof UserError) return ExitCode[error.code];
  return ExitCode.failure;
}

/**
 * A value (a path, a profile name) inside a command that a message or hint suggests. Base code
 * cannot know the user's shell; the error printer (cli.ts) replaces each marked value with the
 * quoting of the user's shell (shell/index.ts), so a pasted hint never runs `$(...)`.
 */
export function pasteable(value: string): string {
  return `${PASTE_OPEN}${value.replaceAll(PASTE_OPEN, "").replaceAll(PASTE_CLOSE, "")}${PASTE_CLOSE}`;
}
/**
 * A suggested command as pasteable words: each quoted for the user's shell, and `--` before a
 * profile name that looks like an option (`-rf`), so the command reads it as a name. Flags
 * must come before the profile (`command("awsmfa", "configure", "--key-store", "pass",
 * profileArg("-x"))`), since no option is read after `--`.
 */
export function pasteableCommand(...words: (string | readonly string[])[]): string {
  return (
    words
      .flat()
      // "--" too: PowerShell takes a bare -- for itself, so it is quoted there ('--').
      .map((word) => pasteable(word))
      .join(" ")
  );
}

/** A profile name as the last argument(s) of a suggested command. */
export function profileArg(profile: string): string[] {
  return profile.startsWith("-") ? ["--", profile] : [profile];
}

export const PASTE_OPEN = "\uE000";
export const PASTE_CLOSE = "\uE001";
const MARKED = /\uE000([^\uE001]*)\uE001/g;

/** Text with every pasteable() value quoted by `quote`. */
export function quotePasteables(text: string, quote: (value: string) => string): string {
  return text.replace(MARKED, (_, value: string) => quote(value));
}
