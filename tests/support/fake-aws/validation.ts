/**
 * AWS's input validation answers: every broken constraint of a request, collected, then one
 * ValidationError "N validation error(s) detected: Value 'x' at 'member' failed to satisfy
 * constraint: Member must ...; ...". Member names are the lower-camel-case shape names AWS uses.
 */
import { validationError } from "./aws-error.ts";

export class Validator {
  private readonly problems: string[] = [];

  private fail(member: string, value: string | undefined, constraint: string): void {
    const shown = value === undefined ? "null" : `'${value}'`;
    this.problems.push(
      `Value ${shown} at '${member}' failed to satisfy constraint: Member must ${constraint}`,
    );
  }

  required(member: string, value: string | undefined): this {
    if (value === undefined) this.fail(member, value, "not be null");
    return this;
  }

  length(member: string, value: string | undefined, min: number, max: number): this {
    if (value === undefined) return this;
    if (value.length < min) this.fail(member, value, `have length greater than or equal to ${min}`);
    if (value.length > max) this.fail(member, value, `have length less than or equal to ${max}`);
    return this;
  }

  /** `pattern` is shown as AWS shows it; `regex` is what it means, anchored. */
  pattern(member: string, value: string | undefined, pattern: string, regex: RegExp): this {
    if (value !== undefined && !regex.test(value)) {
      this.fail(member, value, `satisfy regular expression pattern: ${pattern}`);
    }
    return this;
  }

  /** An integer member; answers its value (or undefined when absent or not a number). */
  integer(member: string, value: string | undefined, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      this.fail(member, value, "be an integer");
      return undefined;
    }
    const n = Number(value);
    if (n < min) this.fail(member, value, `have value greater than or equal to ${min}`);
    if (n > max) this.fail(member, value, `have value less than or equal to ${max}`);
    return n;
  }

  /** Throws the collected ValidationError, if anything failed. */
  done(): void {
    const n = this.problems.length;
    if (n === 0) return;
    throw validationError(
      `${n} validation error${n === 1 ? "" : "s"} detected: ${this.problems.join("; ")}`,
    );
  }
}

/** The MFA members shared by GetSessionToken and AssumeRole. */
export function checkMfaMembers(
  v: Validator,
  serialNumber: string | undefined,
  tokenCode: string | undefined,
): void {
  v.length("serialNumber", serialNumber, 9, 256).pattern(
    "serialNumber",
    serialNumber,
    "[\\w+=/:,.@-]*",
    /^[\w+=/:,.@-]*$/,
  );
  v.length("tokenCode", tokenCode, 6, 6).pattern("tokenCode", tokenCode, "[\\d]*", /^\d*$/);
  // One without the other: AWS cannot check a code without a device (and vice versa).
  if (tokenCode !== undefined && serialNumber === undefined) v.required("serialNumber", undefined);
  if (serialNumber !== undefined && tokenCode === undefined) v.required("tokenCode", undefined);
}
