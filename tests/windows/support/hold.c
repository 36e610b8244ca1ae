/*
 * hold.exe FILE SECONDS: opens FILE with no sharing (as an editor or a virus scanner may) and
 * keeps it open for SECONDS, so awsmfa's tests can see what a user sees when the credentials
 * file is in use by another program. Prints "held" once the file is open.
 * Build: x86_64-w64-mingw32-gcc -o hold.exe hold.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: hold.exe FILE SECONDS\n");
    return 2;
  }
  HANDLE file = CreateFileA(argv[1], GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (file == INVALID_HANDLE_VALUE) {
    fprintf(stderr, "hold.exe: cannot open %s (error %lu)\n", argv[1], GetLastError());
    return 1;
  }
  printf("held\n");
  fflush(stdout);
  Sleep((DWORD)atoi(argv[2]) * 1000);
  CloseHandle(file);
  return 0;
}
