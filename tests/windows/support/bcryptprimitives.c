/*
 * Stand-in for Windows' bcryptprimitives.dll, for running awsmfa's .exe under Wine 8.0 in CI.
 * Bun's Windows runtime imports bcryptprimitives!ProcessPrng, which Wine 8.0 does not have;
 * real Windows 10+ has it. It fills a buffer with random bytes and always succeeds, as the
 * real one does; RtlGenRandom (advapi32!SystemFunction036) gives the same guarantee.
 * Build: x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll bcryptprimitives.c bcryptprimitives.def
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
