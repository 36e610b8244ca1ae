/**
 * Which MFA device a login uses, when it is written down somewhere: --serial, else
 * `mfa_serial` (the AWS CLI's key) or the older `aws_mfa_device` (aws-mfa) and `aws_arn_mfa`
 * (hand-written scripts), in the profile and then in its long-term profile, in either file.
 */
import { type AwsFiles, profileReader } from "../config/aws-files.ts";
import { printableInLine } from "../system/printable.ts";
import { checkSerial, SERIAL_KEYS } from "./serial-format.ts";

export interface ConfiguredSerial {
  serial: string;
  /** e.g. "--serial", "mfa_serial in prod" */
  from: string;
}

export function configuredSerial(
  files: AwsFiles,
  profiles: readonly string[],
  flag: string | undefined,
): ConfiguredSerial | undefined {
  if (flag) return { serial: checkSerial(flag, "--serial"), from: "--serial" };
  for (const profile of profiles) {
    const read = profileReader(files, profile);
    for (const key of SERIAL_KEYS) {
      const value = read(key);
      if (value)
        return {
          serial: checkSerial(value, `${key} in ${printableInLine(profile)}`),
          from: `${key} in ${printableInLine(profile)}`,
        };
    }
  }
  return undefined;
}
