/**
 * `list --json`'s text made as UTF-8 bytes in one buffer and written a piece (~64 KB) at a
 * time, each piece decoded once: the JSON of a row is put together from its texts here, so
 * nothing is made per row but the JSON.stringify of a string that needs escaping.
 *
 * Why: at 100,000 profiles the JSON is ~25 MB; made as a string per row (a row object given
 * to JSON.stringify, re-indented, appended to a piece) it was ~50 MB of garbage and pushed the
 * peak RSS to ~150 MiB (docs/performance.md, "`list --json` at 100,000 profiles").
 */
import type { Deps } from "../../deps.ts";
import { PIECE, writeBytes } from "./table-pieces.ts";

const QUOTE = 34;
const BACKSLASH = 92;

export class JsonPieces {
  private out = new Uint8Array(2 * PIECE);
  private at = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly deps: Pick<Deps, "io">) {}

  /** JSON's own text, ASCII (punctuation, keys, numbers, null): as it is. */
  raw(text: string): void {
    this.room(text.length);
    const out = this.out;
    let at = this.at;
    for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** JSON.stringify(text): printable ASCII other than `"` and `\` is copied between quotes. */
  string(text: string): void {
    this.room(text.length + 2);
    const out = this.out;
    let at = this.at;
    out[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 32 || c > 126 || c === QUOTE || c === BACKSLASH) {
        this.escaped(text);
        return;
      }
      out[at++] = c;
    }
    out[at++] = QUOTE;
    this.at = at;
  }

  /** Writes what is made when a piece is full (between values: no character is split). */
  flushWhenFull(): void {
    if (this.at >= PIECE) this.flush();
  }

  /** Writes what is made. */
  flush(): void {
    const made = this.at;
    this.at = 0;
    writeBytes(this.out, made, this.deps);
  }

  /** A string with characters to escape or beyond ASCII: JSON.stringify's text, as UTF-8. */
  private escaped(text: string): void {
    const json = JSON.stringify(text);
    // Up to 3 bytes per UTF-16 unit (JSON.stringify leaves no lone surrogate unescaped).
    this.room(3 * json.length);
    this.at += this.encoder.encodeInto(json, this.out.subarray(this.at)).written;
  }

  /** Room for `bytes` more: what is made is written first, and the buffer grows if need be. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.out.length) return;
    this.flush();
    if (bytes > this.out.length) this.out = new Uint8Array(bytes + PIECE);
  }
}

// Not named to belowTopTier (../../system/below-top-tier.ts): its small methods, called
// ~1.5 million times at 100,000 profiles, gain from the top tier (CPU -14% measured).
