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
import { PADDED_UP_TO } from "../ui/table.ts";

export const LIST_ROWS_C = `
/* ui/table.ts PADDED_UP_TO: a cell wider pads no other row */
#define PADDED_UP_TO ${PADDED_UP_TO}
/* list-rows.ts's listRows loop for the rows it answers by array reads (the usual ones), from
   row s[S_FROM] on: it stops at the first row that needs a question of Facts (a key id that is
   not AKIA..., a partner that is not the usual one) or a device that does not share the last
   checked device's ARN up to mfa/ (prefix): listRows answers that row itself, then calls
   again. s[]: the first row, the rows' count, the four widths (in and out); k[]: the Key
   numbers (role_arn, key id, secret, region, partner, key store, the three device keys). */
#define R_FROM 0
#define R_SIZE 1
#define R_WIDTHS 2

/* A profile's row of places in each file, where the file can hold one: the config file's rows
   past its own profiles (configSize: they are met first) and the credentials file's rows of
   profiles it does not name were never written, and reading them cost a page fault per 4 KiB
   (~2,700 at 100,000 profiles, ~10 ms: the kernel's zero page, mapped for each): ZERO_ROW
   stands for them. width is at most ROW_ROOM / 2. */
#define ROW_ROOM 128
static const int ZERO_ROW[ROW_ROOM];
#define KROW(p) (present[p] ? kp + 2 * width * (p) : ZERO_ROW)
#define CROW(p) ((p) < configSize ? cp + 2 * width * (p) : ZERO_ROW)
static int akia(const int *places, const u8 *b, int at) {
  int start = places[at] - 1;
  return places[at + 1] - start >= 4 && b[start] == 65 && b[start + 1] == 75 &&
         b[start + 2] == 73 && b[start + 3] == 65;
}

int list_summaries(const u8 *config, const u8 *credentials, const int *cp, const int *kp,
                   int width, int *s, const int *k, const int *suffixed0,
                   const int *suffixed1, const int *suffixed2, const u8 *prefix, int prefixLength,
                   u8 *kinds, int *partners, int *serialOf, u8 *serialSlot,
                   signed char *serialFile, int *serialStart, int *serialEnd,
                   signed char *regionFile, int *regionStart, int *regionEnd, u8 *serving,
                   const int *nameStart, const int *nameEnd, const int *kindLength,
                   const u8 *present, int configSize) {
  int size = s[R_SIZE];
  int nameWidth = s[R_WIDTHS], kindWidth = s[R_WIDTHS + 1];
  int serialWidth = s[R_WIDTHS + 2], regionWidth = s[R_WIDTHS + 3];
  int ROLE_ = 2 * k[0], KEY_ID = 2 * k[1], SECRET = 2 * k[2], REGION = 2 * k[3];
  int PARTNER = 2 * k[4], STORE = 2 * k[5];
  const int *suffixed[3];
  int profile;
  suffixed[0] = suffixed0;
  suffixed[1] = suffixed1;
  suffixed[2] = suffixed2;
  if (2 * width > ROW_ROOM) return 0; /* every row listRows' */
  for (profile = s[R_FROM]; profile < size; profile++) {
    const int *kr = KROW(profile), *cr = CROW(profile), *regionRow;
    int withKeys = (kr[KEY_ID] != 0 || cr[KEY_ID] != 0) && (kr[SECRET] != 0 || cr[SECRET] != 0);
    int kind, partner, own, other, owner, slot, file, pass, i, length;
    if (kr[ROLE_] != 0 || cr[ROLE_] != 0) {
      kind = 2;
    } else if (withKeys) {
      if (kr[KEY_ID] != 0 ? !akia(kr, credentials, KEY_ID) : !akia(cr, config, KEY_ID))
        break; /* keyState's other answers: Facts' */
      kind = 0;
    } else {
      kind = 3;
    }
    partner = -2;
    if (kind != 2) {
      partner = -4;
      if (kr[PARTNER] == 0 && cr[PARTNER] == 0) {
        partner = -3;
        for (i = 0; i < 3; i++) {
          int candidate = suffixed[i][profile];
          const int *kc, *cc;
          if (candidate < 0) continue;
          kc = KROW(candidate);
          cc = CROW(candidate);
          partner = -4;
          if (cc[STORE] == 0 && (kc[KEY_ID] != 0 || cc[KEY_ID] != 0) &&
              (kc[SECRET] != 0 || cc[SECRET] != 0)) {
            if (kc[KEY_ID] != 0 ? akia(kc, credentials, KEY_ID) : akia(cc, config, KEY_ID))
              partner = candidate;
          }
          break;
        }
        if (partner == -3) partner = cr[STORE] != 0 ? -4 : kind == 0 ? profile : -1;
      }
      if (partner == -4) break; /* Facts.partnerOf's */
      if (kind == 3 && partner >= 0 && partner != profile) kind = 1;
    }
    own = kind == 1 || kind == 0;
    other = own && partner >= 0 && partner != profile;
    owner = -1;
    slot = 0;
    file = -1;
    for (pass = 0; pass < 2 && owner < 0; pass++) {
      int whose = pass == 0 ? profile : other ? partner : -1;
      const int *kw, *cw;
      if (whose < 0) break;
      kw = KROW(whose);
      cw = CROW(whose);
      for (i = 0; i < 3; i++) {
        int at = 2 * k[6 + i];
        file = kw[at] != 0 ? 1 : cw[at] != 0 ? 0 : -1;
        if (file < 0) continue;
        owner = whose;
        slot = i;
        break;
      }
    }
    if (owner >= 0) {
      int at = 2 * k[6 + slot];
      const int *places = file ? KROW(owner) : CROW(owner);
      const u8 *b = file ? credentials : config;
      int start = places[at] - 1, end = places[at + 1], shown;
      /* SerialChecks.checkAt's first answer: the last device's prefix, then no space */
      if (prefixLength == 0 || end - start <= prefixLength) break;
      for (i = 0; i < prefixLength && b[start + i] == prefix[i]; i++) {
      }
      if (i < prefixLength) break;
      for (i = start + prefixLength; i < end && b[i] != 32; i++) {
      }
      if (i < end) break;
      /* shownFrom: serial.replace(/^arn:[^:]+:iam::/, "") */
      shown = start;
      if (end - start >= 4 && b[start] == 97 && b[start + 1] == 114 && b[start + 2] == 110 &&
          b[start + 3] == 58) {
        int colon = start + 4;
        while (colon < end && b[colon] != 58) colon++;
        if (colon != start + 4 && colon + 6 <= end && b[colon] == 58 && b[colon + 1] == 105 &&
            b[colon + 2] == 97 && b[colon + 3] == 109 && b[colon + 4] == 58 &&
            b[colon + 5] == 58)
          shown = colon + 6;
      }
      serialOf[profile] = owner;
      serialSlot[profile] = (u8)k[6 + slot];
      serialFile[profile] = (signed char)file;
      serialStart[profile] = shown;
      serialEnd[profile] = end;
      if (end - shown > serialWidth && end - shown <= PADDED_UP_TO) serialWidth = end - shown;
    }
    kinds[profile] = (u8)kind;
    partners[profile] = partner < 0 ? -1 : partner;
    /* the profile's region, else its partner's (other) */
    regionRow = (const int *)0;
    file = 0;
    if (kr[REGION] != 0 || cr[REGION] != 0) {
      file = kr[REGION] != 0;
      regionRow = file ? kr : cr;
    } else if (other) {
      const int *kq = KROW(partner), *cq = CROW(partner);
      if (kq[REGION] != 0 || cq[REGION] != 0) {
        file = kq[REGION] != 0;
        regionRow = file ? kq : cq;
      }
    }
    if (regionRow) {
      regionFile[profile] = (signed char)file;
      regionStart[profile] = regionRow[REGION] - 1;
      regionEnd[profile] = regionRow[REGION + 1];
      length = regionRow[REGION + 1] - regionRow[REGION] + 1;
      if (length > regionWidth && length <= PADDED_UP_TO) regionWidth = length;
    }
    if (kind == 1 && other) serving[partner] = 1;
    length = nameEnd[profile] - nameStart[profile];
    if (length > nameWidth && length <= PADDED_UP_TO) nameWidth = length;
    if (kindLength[kind] > kindWidth) kindWidth = kindLength[kind];
  }
  s[R_FROM] = profile;
  s[R_WIDTHS] = nameWidth;
  s[R_WIDTHS + 1] = kindWidth;
  s[R_WIDTHS + 2] = serialWidth;
  s[R_WIDTHS + 3] = regionWidth;
  return 0;
}

typedef void *(*memcpy_fn)(void *to, const void *from, size_t n);

/* pos[]: where the next byte goes, the next row, the piece's length (stop once past it), the
   rows' count, the first four columns' widths, and the bytes of out (a row that would not fit,
   one with a cell wider than PADDED_UP_TO, is left to the caller, which makes room). */
#define P_AT 0
#define P_ROW 1
#define P_LIMIT 2
#define P_SIZE 3
#define P_WIDTHS 4
#define P_ROOM 8
/* the bytes a cell "length" long takes in a column "width" wide with its two spaces (width
   counts them): a cell wider than its column keeps its two spaces */
#define CELL(length, width) ((length) + 2 > (width) ? (length) + 2 : (width))

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
  int room = pos[P_ROOM];
  for (; row < size && at < limit; row++) {
    int has = state[row];
    int length, file, i, need;
    const u8 *cell;
    if (has == 2) break;
    /* the row's bytes: its cells, each at least its column wide, "none" and the line feed */
    length = nameEnd[row] - nameStart[row];
    need = CELL(length, nameWidth) + kindWidth + 5;
    length = serialFile[row] >= 0 && serialFile[row] != 2 ? serialEnd[row] - serialStart[row] : 0;
    need += CELL(length, serialWidth);
    length = regionFile[row] >= 0 ? regionEnd[row] - regionStart[row] : 0;
    need += CELL(length, regionWidth);
    if (at + need > room) break;
    length = nameEnd[row] - nameStart[row];
    memcpy(out + at, (nameFile[row] ? credentials : config) + nameStart[row], (size_t)length);
    at += CELL(length, nameWidth);
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
      at += CELL(length, serialWidth);
    }
    file = regionFile[row];
    if (file < 0) {
      out[at] = 45;
      at += regionWidth;
    } else {
      length = regionEnd[row] - regionStart[row];
      memcpy(out + at, (file ? credentials : config) + regionStart[row], (size_t)length);
      at += CELL(length, regionWidth);
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

/* commands/list/fast-table.ts sessionsFrom's rows answered by array reads, from row "from" on:
   state[row] 1 (no session) for a session or long-term row of its own with no token in the
   credentials file and no partner, no device, or no session cached for its device; other rows
   keep 0 ("-"). A row that needs more (a role, a token, a device the cache folder may hold a
   session of), which sessionsFrom answers, is noted in pending[1 ..] (pending[0]: how many),
   up to room of them; it returns the row it stopped at: size, or the row that found no room
   (not noted), or "from" with none noted when sessionsFrom answers every row.
   tokens: the places of the two token keys in a profile's (2 * Key). listsAny: whether the
   cache folder lists anything; devices: the devices of its sessions, their ends in
   deviceEnds, deviceCount -1 when they were not read (any device may be there); slots: their
   hash table (profiles/device-table.ts: FNV-1a over the bytes, a device's number + 1 in the
   slot, the next slot on a collision), slotMask its size - 1. */
int list_found(int from, int size, int width, const int *tokens, const int *cp, const int *kp,
               const u8 *config, const u8 *credentials, const u8 *kinds, const u8 *serving,
               const int *partners, const int *serialOf, const u8 *serialSlot, int listsAny,
               const u8 *devices, const int *deviceEnds, int deviceCount, const int *slots,
               int slotMask, u8 *state, const u8 *present, int configSize, int *pending,
               int room) {
  int profile, noted = 0;
  pending[0] = 0;
  if (2 * width > ROW_ROOM) return from; /* every row sessionsFrom's */
  for (profile = from; profile < size; profile++) {
    int kind = kinds[profile];
    int owner = serialOf[profile], at, start, length, i, j, slot, may = 0;
    unsigned int h = 2166136261u;
    const int *places, *kr;
    const u8 *b;
    if (kind == 2) goto note;
    if (kind != 1 && !(kind == 0 && serving[profile] == 0)) continue;
    kr = KROW(profile);
    if (kr[tokens[0]] != 0 || kr[tokens[1]] != 0) goto note;
    if (partners[profile] < 0 || owner < 0 || !listsAny) {
      state[profile] = 1;
      continue;
    }
    if (deviceCount < 0) goto note;
    /* mayHold: the device's bytes looked up in the devices' hash table */
    at = 2 * serialSlot[profile];
    places = KROW(owner);
    b = credentials;
    if (places[at] == 0) {
      places = CROW(owner);
      b = config;
    }
    start = places[at] - 1;
    length = places[at + 1] - start;
    for (j = 0; j < length; j++) h = (h ^ b[start + j]) * 16777619u;
    for (slot = (int)(h & (unsigned int)slotMask); slots[slot] != 0 && !may;
         slot = (slot + 1) & slotMask) {
      int first;
      i = slots[slot] - 1;
      first = i == 0 ? 0 : deviceEnds[i - 1];
      if (deviceEnds[i] - first != length) continue;
      for (j = 0; j < length && devices[first + j] == b[start + j]; j++) {
      }
      may = j == length;
    }
    if (!may) {
      state[profile] = 1;
      continue;
    }
  note: /* a row for sessionsFrom */
    if (noted == room) break;
    pending[1 + noted++] = profile;
  }
  pending[0] = noted;
  return profile;
}
`;
