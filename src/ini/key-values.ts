/**
 * The values of a fixed set of keys for numbered profiles (see key-scan.ts): a table of
 * `width` places per profile. Each place holds the number of a string in one list, 0 for
 * none, in an Int32Array that grows by half: for 100,000 profiles, a million and a half
 * places cost one zeroed allocation instead of an array (or a million pushes) per profile.
 */
import { belowTopTier } from "../system/below-top-tier.ts";

export class KeyValues {
  private places: Int32Array;
  /** String number -> string; number 0 is "none". */
  private readonly strings: (string | undefined)[] = [undefined];

  constructor(
    readonly width: number,
    profiles = 1024,
  ) {
    this.places = new Int32Array(Math.max(1, Math.ceil(profiles)) * width);
  }

  /** The value of key `k` of profile `profile`, or undefined. */
  get(profile: number, k: number): string | undefined {
    const at = profile * this.width + k;
    return at < this.places.length ? this.strings[this.places[at]!] : undefined;
  }

  /** Sets the value of key `k` of profile `profile` (undefined: none). */
  set(profile: number, k: number, value: string | undefined): void {
    const at = profile * this.width + k;
    if (at >= this.places.length) this.grow(at);
    if (value === undefined) {
      this.places[at] = 0;
    } else {
      this.places[at] = this.strings.length;
      this.strings.push(value);
    }
  }

  private grow(at: number): void {
    let length = this.places.length;
    while (length <= at) length = Math.ceil(length * 1.5) + this.width;
    const places = new Int32Array(length);
    places.set(this.places);
    this.places = places;
  }

  static {
    // ../system/below-top-tier.ts: why
    belowTopTier(KeyValues.prototype.get, KeyValues.prototype.set);
  }
}
