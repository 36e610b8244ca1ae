/**
 * Where a one-time code comes from. Each source lives in its own file behind this interface
 * and is listed explicitly in otp/registry.ts; nothing registers itself by being imported.
 */
import { isJsSpace } from "../config/js-space.ts";
import type { Deps } from "../deps.ts";
import type { OtpKey, ResolvedValue } from "./settings.ts";

export interface OtpRequest {
  /** The profile being logged into, for messages. */
  profile: string;
  /** The MFA device the code is for. */
  serial: string;
  /** 1 on the first try; a source may say "that code was refused, try the next one". */
  attempt: number;
  /** Why a previous code was not used, shown by interactive sources. */
  previousProblem?: string | undefined;
}

export interface OtpSource {
  readonly name: string;
  /** Automatic sources (password managers) are subject to the reuse guard; a person is not. */
  readonly automatic: boolean;
  /**
   * The code is known already (typed with --otp): code() answers at once, so nothing is
   * started while it comes (session/obtain.ts preloads the SDK only for a code that takes time).
   */
  readonly given?: boolean;
  /** Whether this source can work here at all (binary installed, terminal present...). */
  available(deps: Deps): Promise<boolean>;
  /** A code, exactly 6 digits. Throws a UserError that says what to fix otherwise. */
  code(request: OtpRequest, deps: Deps): Promise<string>;
  /**
   * The longest one code() may take, its retries and a fall back to the prompt included (set
   * by otp/choose.ts): the MFA lock's holder tells its waiters how long it may hold the lock.
   */
  maxWaitMs?: number;
}

/** Whether a kind of source can work on this machine, and why (or why not), for people. */
export interface Availability {
  available: boolean;
  /** e.g. "/usr/local/bin/op", "`op` is not on PATH", "no terminal here" */
  detail: string;
}

/** What a configured source is built from: its resolved settings. */
export interface SourceSettings {
  values: Partial<Record<OtpKey, ResolvedValue>>;
  /** How long an external program may take before it counts as hanging. */
  timeoutMs: number;
}

/** One entry of the registry (otp/registry.ts): a kind of source and how to build one. */
export interface OtpSourceKind {
  /** The name used by --otp-source and awsmfa_otp_source, e.g. "1password". */
  readonly name: string;
  /** Other accepted spellings, e.g. "op". */
  readonly aliases: readonly string[];
  /** What it does, for `awsmfa sources`, e.g. "op item get ITEM --otp". */
  readonly summary: string;
  readonly automatic: boolean;
  /** The setting a profile must give when it uses this source, and what it names. */
  readonly required?: { key: OtpKey; noun: string };
  /** Every setting it reads (the required one included). */
  readonly keys: readonly OtpKey[];
  availability(deps: Deps): Promise<Availability>;
  /**
   * Builds the source from its settings; absent for the sources --otp chooses (argument,
   * stdin), which cannot be named by --otp-source or in a profile.
   */
  create?(settings: SourceSettings): OtpSource;
}

/**
 * Codes are 6 digits; people paste them with spaces ("123 456"), which is fine. A loop for
 * `compact = text.replace(/[\s-]/g, "")` kept when /^\d{6}$/.test(compact): a fresh login
 * cleans its code, and each regular expression compiles cold in every run
 * (docs/performance.md; tests/otp/normalise-code.test.ts keeps them as the oracle).
 */
export function normaliseCode(text: string): string | undefined {
  let code = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (code.length === 6) return undefined;
      code += text[i];
    } else if (c !== 0x2d && !isJsSpace(c)) return undefined;
  }
  return code.length === 6 ? code : undefined;
}
