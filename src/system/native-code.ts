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
import type { FFIFunction, Library } from "bun:ffi";

const MFD_CLOEXEC = 1;

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
  memchr: number;
  memcpy: number;
}

/**
 * `source` compiled, its `symbols` callable; or undefined (above). The code is linked without
 * libc (-nostdlib: TinyCC would look for libc's development files, which most machines lack),
 * so it calls no library function by name: memchr's and memcpy's addresses are handed to it
 * (the header of the source declares their types: native code has no headers). The caller keeps
 * the library for the process's life (closing it frees the code).
 */
export async function compileC<Fns extends Record<string, FFIFunction>>(
  platform: string,
  arch: string,
  source: string,
  symbols: Fns,
): Promise<CompiledC<Fns> | undefined> {
  if (platform !== "linux" || (arch !== "x64" && arch !== "arm64")) return undefined;
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
    const bytes = Buffer.from(source);
    // One write: a memfd takes it whole, or the source is not all there and cc is not tried
    if (Number(libc.write(fd, bytes, bytes.length)) !== bytes.length) return undefined;
    const library = ffi.cc({ source: `/proc/self/fd/${fd}`, flags: ["-nostdlib"], symbols });
    return { library, memchr, memcpy };
  } catch {
    return undefined;
  } finally {
    if (fd >= 0) libc?.close(fd);
  }
}
