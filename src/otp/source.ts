/**
 * Where a one-time code comes from. Each source lives in its own file behind this interface
 * and is listed explicitly in otp/registry.ts; nothing registers itself by being imported.
 */
import type { Deps } from "../deps.ts";

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
  /** Whether this source can work here at all (binary installed, terminal present...). */
  available(deps: Deps): Promise<boolean>;
  /** A code, exactly 6 digits. Throws a UserError that says what to fix otherwise. */
  code(request: OtpRequest, deps: Deps): Promise<string>;
}

/** Codes are 6 digits; people paste them with spaces ("123 456"), which is fine. */
export function normaliseCode(text: string): string | undefined {
  const compact = text.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(compact) ? compact : undefined;
}
