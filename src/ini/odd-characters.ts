/**
 * Where the odd characters of a text are, for key-scan.ts's one line loop over a text that is
 * simple but for a few characters (a profile or a comment not in ASCII, a tab before a key's
 * `=`): the loop asks, header by header, whether the section it has read holds one.
 *
 * Only a text whose sections the line loop finds as findHeaders (headers.ts) finds them is
 * such a text: no indented line, no odd character at a line's start (a tab there may indent
 * a header), no CR but before an LF (a lone CR ends a line for Python). Then a header is a `[`
 * at a line's start for both.
 */
import { belowTopTier } from "../system/below-top-tier.ts";

/** An odd character, as the line loop reads a text: a CR is odd only where no LF follows. */
const ODD_CHARACTER = /[^\n\r\x20-\x7e]|\r(?!\n)/g;

export class OddCharacters {
  /** The index in `at` the next question starts from (questions come in ascending order). */
  private next = 0;

  private constructor(private readonly at: readonly number[]) {}

  /**
   * The odd characters of `text`, whose lines start at `from` (after a byte-order mark); or
   * undefined when the text is not one the line loop may read (above).
   */
  static of(text: string, from: number): OddCharacters | undefined {
    if (text.includes("\n ")) return undefined;
    const at: number[] = [];
    for (const { index } of text.matchAll(ODD_CHARACTER)) {
      if (text.charCodeAt(index) === 13 || index === from || text.charCodeAt(index - 1) === 10) {
        return undefined;
      }
      at.push(index);
    }
    return new OddCharacters(at);
  }

  /** The first odd character at or after `at`, or Infinity; asked for ascending `at`s. */
  from(at: number): number {
    const spots = this.at;
    let i = this.next;
    while (i < spots.length && spots[i]! < at) i++;
    this.next = i;
    return i < spots.length ? spots[i]! : Number.POSITIVE_INFINITY;
  }
}

// ../system/below-top-tier.ts: why
belowTopTier(OddCharacters.prototype.from);
