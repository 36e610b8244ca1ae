/*
 * hold.exe FILE SECONDS [read]: opens FILE with no sharing (as a virus scanner or backup tool
 * may) and keeps it open for SECONDS, so awsmfa's tests can see what a user sees when the
 * credentials file is in use by another program. With "read" it lets others read but not
 * replace the file (as many editors do): reads work, the rename over it fails.
 * Prints "held" once the file is open.
 * Build: x86_64-w64-mingw32-gcc -o hold.exe hold.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: hold.exe FILE SECONDS [read]\n");
    return 2;
  }
  DWORD share = argc == 4 && strcmp(argv[3], "read") == 0 ? FILE_SHARE_READ : 0;
  HANDLE file = CreateFileA(argv[1], GENERIC_READ, share, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
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
