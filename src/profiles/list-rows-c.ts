/**
 * The row loop of commands/list/fast-table.ts's writeRows in C, compiled with list-scan-c.ts
 * (list-scan-native.ts): each row's cells copied from the files' bytes into the piece of
 * output (libc's memcpy, handed over as a pointer), the padding being the spaces already
 * there. It stops at a row whose SESSION cell is a text (writeRows writes that one) and once
 * the piece is full. tests/commands/list/fast-table.test.ts holds the table it makes to the
 * general list byte for byte.
 *
 * Why: at 100,000 profiles writeRows' loop was ~17 ms of main-thread CPU (three Buffer.copy
 * calls a row, each a call into the runtime); this loop ~4 ms.
 */
export const LIST_ROWS_C = `
typedef void *(*memcpy_fn)(void *to, const void *from, size_t n);

/* pos[]: where the next byte goes, the next row, the piece's length (stop once past it), the
   rows' count, and the first four columns' widths. */
#define P_AT 0
#define P_ROW 1
#define P_LIMIT 2
#define P_SIZE 3
#define P_WIDTHS 4

/* kindCells: the KIND cells, 16 bytes each: the length, then the characters. */
int list_rows(u8 *out, const u8 *config, const u8 *credentials, int *pos, const u8 *nameFile,
              const int *nameStart, const int *nameEnd, const u8 *kind, const u8 *kindCells,
              const signed char *serialFile, const int *serialStart, const int *serialEnd,
              const signed char *regionFile, const int *regionStart, const int *regionEnd,
              const u8 *state, void *memcpyAt) {
  memcpy_fn memcpy = (memcpy_fn)memcpyAt;
  int at = pos[P_AT];
  int row = pos[P_ROW];
  int limit = pos[P_LIMIT];
  int size = pos[P_SIZE];
  int nameWidth = pos[P_WIDTHS] + 2;
  int kindWidth = pos[P_WIDTHS + 1] + 2;
  int serialWidth = pos[P_WIDTHS + 2] + 2;
  int regionWidth = pos[P_WIDTHS + 3] + 2;
  for (; row < size && at < limit; row++) {
    int has = state[row];
    int length, file, i;
    const u8 *cell;
    if (has == 2) break;
    length = nameEnd[row] - nameStart[row];
    memcpy(out + at, (nameFile[row] ? credentials : config) + nameStart[row], (size_t)length);
    at += length > nameWidth ? length : nameWidth;
    cell = kindCells + 16 * kind[row];
    for (i = 0; i < cell[0]; i++) out[at + i] = cell[1 + i];
    at += kindWidth;
    file = serialFile[row];
    if (file == 2) {
      memcpy(out + at, "invalid", 7);
      at += serialWidth > 7 ? serialWidth : 7;
    } else if (file < 0) {
      out[at] = 45;
      at += serialWidth;
    } else {
      length = serialEnd[row] - serialStart[row];
      memcpy(out + at, (file ? credentials : config) + serialStart[row], (size_t)length);
      at += length > serialWidth ? length : serialWidth;
    }
    file = regionFile[row];
    if (file < 0) {
      out[at] = 45;
      at += regionWidth;
    } else {
      length = regionEnd[row] - regionStart[row];
      memcpy(out + at, (file ? credentials : config) + regionStart[row], (size_t)length);
      at += length > regionWidth ? length : regionWidth;
    }
    if (has == 0) {
      out[at++] = 45;
    } else {
      memcpy(out + at, "none", 4);
      at += 4;
    }
    out[at++] = 10;
  }
  pos[P_AT] = at;
  pos[P_ROW] = row;
  return 0;
}
`;
