/**
 * Raw mode for the Windows console input (CONIN$), through kernel32 via bun:ffi.
 *
 * Why bun:ffi, when src/ otherwise sticks to node: built-ins: Bun's tty.ReadStream.setRawMode
 * works only for fd 0 on Windows, and prompts must read CONIN$ opened as another fd (fd 0 may
 * be a pipe: `awsmfa ... | ...`, credential_process). Node has no way to set a console mode on
 * an arbitrary handle; kernel32's GetConsoleMode/SetConsoleMode do. The console mode belongs to
 * the console input buffer, not to a handle, so a handle of our own on CONIN$ sets the mode
 * that the prompt's reads see. Loaded only on Windows, only when a prompt goes raw.
 */
import { createRequire } from "node:module";

const ENABLE_PROCESSED_INPUT = 0x1; // Ctrl-C as a signal, not as a key
const ENABLE_LINE_INPUT = 0x2; // reads return whole lines
const ENABLE_ECHO_INPUT = 0x4; // the console echoes what is typed (the secret!)
const ENABLE_WINDOW_INPUT = 0x8;
const ENABLE_VIRTUAL_TERMINAL_INPUT = 0x200; // arrow keys as ESC [ A ..., as on Unix

const GENERIC_READ = 0x80000000;
const GENERIC_WRITE = 0x40000000;
const FILE_SHARE_READ = 0x1;
const FILE_SHARE_WRITE = 0x2;
const OPEN_EXISTING = 3;
const INVALID_HANDLE_VALUE = 0xffffffffffffffffn;

interface Kernel32 {
  CreateFileW(...args: unknown[]): unknown;
  GetConsoleMode(handle: unknown, mode: Uint32Array): number;
  SetConsoleMode(handle: unknown, mode: number): number;
}

/** Sets CONIN$ raw (no line editing, no echo, Ctrl-C as a key) or back to what it was. */
export interface ConsoleMode {
  setRaw(raw: boolean): void;
}

/** The console input's mode switch, or null when there is no console (or no kernel32). */
export function openConsoleMode(): ConsoleMode | null {
  let kernel32: Kernel32;
  let handle: unknown;
  try {
    // biome-ignore lint/suspicious/noExplicitAny: bun:ffi's types are Bun's, loaded at run time
    const ffi = createRequire(import.meta.url)("bun:ffi") as any;
    const { FFIType } = ffi;
    kernel32 = ffi.dlopen("kernel32.dll", {
      CreateFileW: {
        args: [
          FFIType.ptr,
          FFIType.u32,
          FFIType.u32,
          FFIType.ptr,
          FFIType.u32,
          FFIType.u32,
          FFIType.ptr,
        ],
        returns: FFIType.u64,
      },
      GetConsoleMode: { args: [FFIType.u64, FFIType.ptr], returns: FFIType.i32 },
      SetConsoleMode: { args: [FFIType.u64, FFIType.u32], returns: FFIType.i32 },
    }).symbols as Kernel32;
    const name = Buffer.from("CONIN$\0", "utf16le");
    handle = kernel32.CreateFileW(
      name,
      GENERIC_READ | GENERIC_WRITE,
      FILE_SHARE_READ | FILE_SHARE_WRITE,
      null,
      OPEN_EXISTING,
      0,
      null,
    );
  } catch {
    return null;
  }
  if (BigInt(handle as number | bigint) === INVALID_HANDLE_VALUE) return null;
  const current = new Uint32Array(1);
  if (!kernel32.GetConsoleMode(handle, current)) return null;
  const cooked = current[0]!;
  const rawBase =
    (cooked & ~(ENABLE_PROCESSED_INPUT | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT)) |
    ENABLE_WINDOW_INPUT;
  return {
    setRaw(raw) {
      if (!raw) {
        kernel32.SetConsoleMode(handle, cooked);
        return;
      }
      // Older consoles (and Wine) may refuse VT input; raw without it still reads keys.
      if (!kernel32.SetConsoleMode(handle, rawBase | ENABLE_VIRTUAL_TERMINAL_INPUT)) {
        if (!kernel32.SetConsoleMode(handle, rawBase)) {
          throw new Error("could not switch the console to raw input (SetConsoleMode failed)");
        }
      }
    },
  };
}
