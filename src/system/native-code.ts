/**
 * C source compiled in this process by bun:ffi's TinyCC (`cc`), for a loop that JavaScript
 * runs too slowly the first time (profiles/list-scan-native.ts: `list` at 100,000 profiles).
 *
 * TinyCC reads its source from a path, and a compiled awsmfa has no file of its own on disk
 * (its embedded files are paths TinyCC cannot open), so the source is handed over through an
 * anonymous file in memory (memfd_create) by its /proc/self/fd path: nothing is written to
 * any folder. Only on Linux on x64 and arm64 with glibc (the same as system/libc-files.ts);
 * anywhere else, or when anything is missing or refused (no memfd_create, no /proc, a system
 * that refuses executable memory, a compile error), compileC gives undefined, having written
 * nothing to stderr, and the caller runs its JavaScript, which gives the same answers.
 */
import type { FFIFunction, Library, Pointer } from "bun:ffi";
import { ccTempDirIsOurs } from "./cc-temp-dir.ts";

const MFD_CLOEXEC = 1;
/** The one function cc is asked for: it writes the other functions' addresses (compileC). */
const ADDRESSES = "awsmfa_addresses";

interface Libc {
  memfd_create(name: Uint8Array, flags: number): number;
  write(fd: number, buffer: Uint8Array, length: number): number | bigint;
  close(fd: number): number;
  memchr: { ptr: number };
  memcpy: { ptr: number };
}

/** A compiled library, and the addresses of libc's memchr and memcpy for its code to call. */
export interface CompiledC<Fns extends Record<string, FFIFunction>> {
  library: Library<Fns>;
  /** cc's library, whose code `library`'s functions run: kept, as closing it frees the code */
  code: Library<Record<string, FFIFunction>>;
  memchr: number;
  memcpy: number;
}

/**
 * `source` compiled, its `symbols` callable; or undefined (above). The code is linked without
 * libc (-nostdlib: TinyCC would look for libc's development files, which most machines lack),
 * so it calls no library function by name: memchr's and memcpy's addresses are handed to it
 * (the header of the source declares their types: native code has no headers). The caller keeps
 * the library for the process's life (closing it frees the code). `env`: where cc's temp
 * folder is (system/cc-temp-dir.ts).
 */
export async function compileC<Fns extends Record<string, FFIFunction>>(
  platform: string,
  arch: string,
  source: string,
  symbols: Fns,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CompiledC<Fns> | undefined> {
  if (platform !== "linux" || (arch !== "x64" && arch !== "arm64")) return undefined;
  // cc's header folder, one anyone could have made first (system/cc-temp-dir.ts)
  if (!ccTempDirIsOurs(env)) return undefined;
  let fd = -1;
  let libc: Libc | undefined;
  try {
    const ffi = await import("bun:ffi");
    libc = ffi.dlopen("libc.so.6", {
      memfd_create: { args: [ffi.FFIType.ptr, ffi.FFIType.u32], returns: ffi.FFIType.i32 },
      write: {
        args: [ffi.FFIType.i32, ffi.FFIType.ptr, ffi.FFIType.u64],
        returns: ffi.FFIType.i64_fast,
      },
      close: { args: [ffi.FFIType.i32], returns: ffi.FFIType.i32 },
      memchr: {
        args: [ffi.FFIType.ptr, ffi.FFIType.i32, ffi.FFIType.u64],
        returns: ffi.FFIType.ptr,
      },
      memcpy: {
        args: [ffi.FFIType.ptr, ffi.FFIType.ptr, ffi.FFIType.u64],
        returns: ffi.FFIType.ptr,
      },
    }).symbols as unknown as Libc;
    const memchr = libc.memchr.ptr;
    const memcpy = libc.memcpy.ptr;
    if (typeof memchr !== "number" || memchr === 0) return undefined;
    if (typeof memcpy !== "number" || memcpy === 0) return undefined;
    fd = libc.memfd_create(Buffer.from("awsmfa-code\0"), MFD_CLOEXEC);
    if (fd < 0) return undefined;
    const names = Object.keys(symbols);
    // cc builds each symbol's JavaScript entry with a TinyCC compile of its own (~1.1 ms CPU
    // each), linkSymbols (~0.06 ms each) does not: so cc is asked for one function, which
    // gives the others' addresses, and linkSymbols makes their entries (docs/performance.md)
    const addresses = names.map((name, i) => `out[${i}] = (unsigned long long)${name};`);
    const full = `${source}\nvoid ${ADDRESSES}(unsigned long long *out) {${addresses.join(" ")}}\n`;
    const bytes = Buffer.from(full);
    // One write: a memfd takes it whole, or the source is not all there and cc is not tried
    if (Number(libc.write(fd, bytes, bytes.length)) !== bytes.length) return undefined;
    const code = ffi.cc({
      source: `/proc/self/fd/${fd}`,
      flags: ["-nostdlib"],
      symbols: { [ADDRESSES]: { args: [ffi.FFIType.ptr], returns: ffi.FFIType.void } },
    });
    const at = new BigUint64Array(Math.max(1, names.length));
    code.symbols[ADDRESSES](at);
    const linked: Record<string, FFIFunction> = {};
    for (const [i, name] of names.entries()) {
      if (at[i] === 0n) return undefined;
      linked[name] = { ...symbols[name], ptr: Number(at[i]) as Pointer };
    }
    const library = ffi.linkSymbols(linked) as unknown as Library<Fns>;
    return { library, code, memchr, memcpy };
  } catch {
    return undefined;
  } finally {
    if (fd >= 0) libc?.close(fd);
  }
}
