/**
 * Takes one file out of a .tar.gz (the release archives are plain ustar, every file at the
 * top), so that upgrade needs no tar program.
 */
import { gunzipSync } from "node:zlib";

export function fileFromTarGz(archive: Uint8Array, name: string): Uint8Array | undefined {
  const tar = gunzipSync(archive);
  const decoder = new TextDecoder();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) return undefined;
    const field = (from: number, length: number) =>
      decoder.decode(header.subarray(from, from + length)).replace(/\0.*$/s, "");
    const entry = field(0, 100).replace(/^\.\//, "");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const start = at + 512;
    if (entry === name && (type === "0" || type === "")) return tar.subarray(start, start + size);
    at = start + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
