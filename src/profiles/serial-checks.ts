/**
 * checkSerial (session/serial-format.ts) for many devices in a row: `list` checks one per
 * profile, and a generated file names devices that differ only after `:mfa/`
 * (arn:aws:iam::123456789012:mfa/p1, .../p2, ...). Checked in full, the ARN's partition,
 * account and kind took ~20 ms of `list` at 100,000 profiles; here they are checked once per
 * run of devices with the same ARN up to `mfa/`, and each device after that only for what
 * differs: a name after `mfa/` that is not empty and holds no space.
 *
 * Why that is checkSerial's answer: a value that starts with the prefix of a device ARN that
 * passed, `arn:aws...:iam::<12 digits>:mfa/`, is a device ARN exactly when what follows is
 * not empty and has no JavaScript space (isDeviceArn's `\S+$`); it is not a security key (its
 * kind is `mfa/`, not `u2f/`); and trim() leaves it as it is (it starts with `a` and ends in
 * a character that is no space). tests/profiles/serial-checks.test.ts holds the two to the
 * same answers, throws included.
 */
import { isJsSpace } from "../config/js-space.ts";
import { checkSerial } from "../session/serial-format.ts";
import { belowTopTier } from "../system/below-top-tier.ts";

export class SerialChecks {
  /** The last device ARN that passed, up to and including its `mfa/`; "" for none yet. */
  private prefix = "";

  /** The prefix (list-rows-c.ts checks devices against it as checkAt does), "" for none. */
  get lastPrefix(): string {
    return this.prefix;
  }

  /** checkSerial(serial, from): the device as it is used, or the same error thrown. */
  check(serial: string, from: string): string {
    const { prefix } = this;
    if (prefix !== "" && serial.length > prefix.length && serial.startsWith(prefix)) {
      let spaced = false;
      for (let i = prefix.length; i < serial.length && !spaced; i++) {
        spaced = isJsSpace(serial.charCodeAt(i));
      }
      if (!spaced) return serial;
    }
    const checked = checkSerial(serial, from);
    this.prefix = mfaPrefix(checked);
    return checked;
  }

  /**
   * check(text.slice(start, end), from) for a value with no space at either end (so that the
   * device is that text as it is): throws as check throws, and makes no string when the
   * device shares the last one's prefix (list-rows.ts).
   */
  checkAt(text: string, start: number, end: number, from: string): void {
    const { prefix } = this;
    if (prefix !== "" && end - start > prefix.length && text.startsWith(prefix, start)) {
      let spaced = false;
      for (let i = start + prefix.length; i < end && !spaced; i++) {
        // isJsSpace, with printable ASCII (list's texts) answered without a call
        const c = text.charCodeAt(i);
        spaced = c > 0x20 && c < 0x7f ? false : isJsSpace(c);
      }
      if (!spaced) return;
    }
    this.check(text.slice(start, end), from);
  }
}

/** The ARN of a device that passed checkSerial up to and including `mfa/`, or "". */
function mfaPrefix(device: string): string {
  // A hardware serial never starts with arn: (checkSerial); a device ARN is arn:aws...:iam::
  if (!device.startsWith("arn:")) return "";
  const colon = device.indexOf(":", 7);
  const kind = colon + 6 + 13; // ":iam::" and the 12-digit account with its ":"
  return colon > 0 && device.startsWith("mfa/", kind) ? device.slice(0, kind + 4) : "";
}

// ../system/below-top-tier.ts: why
belowTopTier(SerialChecks.prototype.check, SerialChecks.prototype.checkAt);
