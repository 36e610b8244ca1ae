import { printableInLine } from "../system/printable.ts";
import type { ClockOffset } from "./clock-skew.ts";

/** The credentials awsmfa handles, and how they may be shown to people. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** When temporary credentials stop working. */
  expiration?: Date | undefined;
}

/** Temporary credentials always carry a token and an expiry. */
export interface SessionCredentials extends Credentials {
  sessionToken: string;
  expiration: Date;
  /**
   * AWS's clock minus this computer's when AWS answered: `expiration` is in AWS's time, so
   * the time left is counted with it (clock-skew.ts secondsLeftAt). Absent: assume none.
   */
  clock?: ClockOffset | undefined;
}

/**
 * An access key id as it may appear in messages: the first and last four characters, so a
 * user can tell keys apart without the id being copied around whole.
 */
export function maskKeyId(accessKeyId: string): string {
  if (accessKeyId.length <= 8) return "****";
  // Shown in one line: a key id read from a file or the environment may hold anything.
  return printableInLine(`${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`);
}

/** Long-term IAM user keys start with AKIA; temporary ones with ASIA. */
export function isTemporaryKeyId(accessKeyId: string): boolean {
  return accessKeyId.startsWith("ASIA");
}
