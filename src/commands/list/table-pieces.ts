/**
 * How `list`'s byte tables (ascii-table.ts, fast-table.ts) reach stdout: rows are copied into
 * one buffer of spaces, and every ~64 KB the filled part is written as one piece and made
 * spaces again, so a row's padding costs nothing and the 7 MB of a 100,000-profile table is
 * never held at once. Each piece goes to the writer as bytes (Writer.writeBytes; decoded to
 * one string for a writer that takes text alone); `list --json`'s bytes (json-pieces.ts),
 * which may hold any character, are decoded and written as text, without the padding.
 */
import type { Deps } from "../../deps.ts";

/** Bytes per piece written. */
export const PIECE = 1 << 16;
export const SPACE = 32;
export const NEWLINE = 10;

const decoder = new TextDecoder();

/** Writes out[0, at), decoded as one string (nothing when empty). */
export function writeBytes(out: Uint8Array, at: number, deps: Pick<Deps, "io">): void {
  if (at > 0) deps.io.stdout.write(decoder.decode(out.subarray(0, at)));
}

/**
 * writeBytes for the tables' bytes, which are printable ASCII and line feeds: as they are,
 * where the writer takes bytes (no decoding to be encoded again: ~8 ms at 100,000 profiles).
 */
function writeTableBytes(out: Uint8Array, at: number, deps: Pick<Deps, "io">): void {
  const { stdout } = deps.io;
  if (at > 0 && stdout.writeBytes) stdout.writeBytes(out.subarray(0, at));
  else writeBytes(out, at, deps);
}

/** Writes out[0, at) and blanks it for the next piece; the next piece starts at 0. */
export function sendPiece(out: Uint8Array, at: number, deps: Pick<Deps, "io">): 0 {
  writeTableBytes(out, at, deps);
  out.fill(SPACE, 0, at);
  return 0;
}
