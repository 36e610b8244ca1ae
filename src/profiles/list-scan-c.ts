/**
 * list-scan.ts's scanFile in C, for list-scan-native.ts to compile with bun:ffi's TinyCC: the
 * same loop, rule for rule, over the same bytes, writing the same tables (the places, and
 * ListNames' arrays). tests/profiles/list-scan-native.test.ts holds the two to the same
 * tables on random files.
 *
 * Why C: at 100,000 profiles the JavaScript loop is ~70 ms of `list` (~100 ns a line, a
 * native indexOf and startsWith per line, in the tiers a first run spends its time in);
 * this loop finds line ends with libc's memchr and costs ~10 ms (docs/performance.md).
 * TinyCC does not optimize, so the work per byte is left to libc (memchr) or done 8 bytes at a
 * time, and the rest is per line. No header is included and no library linked (a user's
 * machine need not have libc's headers or its development files): memchr comes as a pointer.
 *
 * It stops, to be called again where it stopped (state[]), when a table is full: the caller
 * grows it (MORE_PLACES after a header; MORE_NAMES before a new name is added).
 */
export const LIST_SCAN_C = `
typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long size_t;
typedef unsigned long long u64;
/* libc's memchr, handed over as a pointer: the code is linked without libc (-nostdlib) */
typedef void *(*memchr_fn)(const void *s, int c, size_t n);

#define DONE 0
#define DECLINE 1
#define MORE_PLACES 2
#define MORE_NAMES 3

/* state[]: where to go on from (a line's start), the current profile (-1 none), line-break
   characters counted, whether [default] and [profile default] were met, the names' count
   and the slots' mask (ListNames), the names' room, the places' length, the keys' count. */
#define S_AT 0
#define S_CURRENT 1
#define S_BREAKS 2
#define S_PLAIN_DEFAULT 3
#define S_PROFILE_DEFAULT 4
#define S_SIZE 5
#define S_MASK 6
#define S_ROOM 7
#define S_PLACES 8
#define S_WIDTH 9

static int same(const u8 *b, int at, int stop, const char *s, int n) {
  int i;
  if (at + n > stop) return 0;
  for (i = 0; i < n; i++)
    if (b[at + i] != (u8)s[i]) return 0;
  return 1;
}

/* The names read so far (ListNames): an open-addressing table of ordinals + 1 in slots,
   each name a range of config (nameFile 0) or credentials (1) with its FNV-1a hash. */
typedef struct {
  const u8 *config;
  const u8 *credentials;
  const u8 *nameFile;
  const int *nameStart;
  const int *nameEnd;
  const int *nameHash;
  const int *slots;
  u32 mask;
} names_t;

static u32 fnv1a(const u8 *b, int from, int to) {
  u32 h = 0x811c9dc5u;
  int i;
  for (i = from; i < to; i++) h = (h ^ b[i]) * 0x01000193u;
  return h;
}

/* The cache line of p asked for ahead of its use (x64: prefetcht0; elsewhere nothing). The
   names' table of slots is read at random (a hash per name), ~1 MB at 100,000 profiles, and
   its reads missed the caches and the TLB: ~9% of list's time at 100,000 profiles, on one
   instruction (perf). Asked for a section ahead, the line is there when the name is added. */
static void fetch(const void *p) {
#if defined(__x86_64__)
  __asm__ __volatile__("prefetcht0 (%0)" : : "r"(p));
#endif
}

/* The header after b[at..]'s line, guessed: the next [ that starts a line, its name from after
   the [ (or "[profile "), up to the first ]. Its hash, and where the name is, go to ahead[]
   (ahead[0] -1: none found), and its slot is fetched. list_scan uses the hash when the header
   it comes to is that name (and works it out otherwise). */
static void fetch_next(memchr_fn memchr, const u8 *b, int at, int end, int file,
                       const int *slots, u32 mask, int *ahead) {
  const u8 *open = (const u8 *)0, *close;
  int from, lineEnd;
  ahead[0] = -1;
  if (at < end) open = (const u8 *)memchr(b + at, 91, (size_t)(end - at));
  if (!open || open == b || open[-1] != 10) return;
  from = (int)(open - b) + 1;
  if (!file && same(b, from, end, "profile ", 8)) from += 8;
  lineEnd = from + 256 < end ? from + 256 : end;
  if (from >= lineEnd) return;
  close = (const u8 *)memchr(b + from, 93, (size_t)(lineEnd - from));
  if (!close) return;
  ahead[0] = from;
  ahead[1] = (int)(close - b);
  ahead[2] = (int)fnv1a(b, from, ahead[1]);
  fetch(slots + ((u32)ahead[2] & mask));
}

/* ListNames.find: the ordinal of the name b[from..to) (hash h), or -1 with *empty the slot
   where it would go. */
static int find_name(const names_t *names, const u8 *b, int from, int to, u32 h, u32 *empty) {
  u32 slot;
  for (slot = h & names->mask;; slot = (slot + 1) & names->mask) {
    int o = names->slots[slot] - 1;
    const u8 *name;
    int offset, i;
    if (o < 0) {
      *empty = slot;
      return -1;
    }
    if (names->nameHash[o] != (int)h || names->nameEnd[o] - names->nameStart[o] != to - from)
      continue;
    name = names->nameFile[o] ? names->credentials : names->config;
    offset = names->nameStart[o] - from;
    i = from;
    while (i < to && name[i + offset] == b[i]) i++;
    if (i == to) return o;
  }
}

/* Where list_scan stopped, for the caller to go on from (state[] above); the result returned. */
static int stop_at(int *state, int result, int at, int current, int breaks, int plainDefault,
                   int profileDefault, int size) {
  state[S_AT] = at;
  state[S_CURRENT] = current;
  state[S_BREAKS] = breaks;
  state[S_PLAIN_DEFAULT] = plainDefault;
  state[S_PROFILE_DEFAULT] = profileDefault;
  state[S_SIZE] = size;
  return result;
}

/* keys: each wanted key (lower case) and a NUL after it, in Key order, then one more NUL.
   present: 1 for each profile met in the credentials file (file 1; unused for file 0). */
int list_scan(const u8 *config, const u8 *credentials, int end, int file, int *state,
              int *places, u8 *nameFile, int *nameStart, int *nameEnd, int *nameHash,
              int *slots, const u8 *keys, void *memchrAt, u8 *present) {
  memchr_fn memchr = (memchr_fn)memchrAt;
  const u8 *b = file ? credentials : config;
  const u8 *key[64];
  int keyLength[64];
  /* each key as little-endian words of 8 bytes (up to 4), and the masks of their bytes */
  u64 keyWord[64][4];
  u64 keyMask[64][4];
  int keyWords[64];
  int width = 0;
  int byFirst[128][16];
  /* the next header's name (start, end) and hash, guessed ahead (fetch_next) */
  int ahead[3] = {-1, -1, 0};
  int firsts[128];
  int at = state[S_AT];
  int current = state[S_CURRENT];
  int breaks = state[S_BREAKS];
  int plainDefault = state[S_PLAIN_DEFAULT];
  int profileDefault = state[S_PROFILE_DEFAULT];
  int size = state[S_SIZE];
  u32 mask = (u32)state[S_MASK];
  int room = state[S_ROOM];
  int placesLength = state[S_PLACES];
  int i, k;
  const u8 *p;

  for (i = 0; i < 128; i++) firsts[i] = 0;
  for (p = keys; *p && width < 64; width++) {
    key[width] = p;
    keyLength[width] = 0;
    while (p[keyLength[width]]) keyLength[width]++;
    if (keyLength[width] > 32) return DECLINE;
    keyWords[width] = (keyLength[width] + 7) / 8;
    for (i = 0; i < 4; i++) {
      keyWord[width][i] = 0;
      keyMask[width][i] = 0;
    }
    for (i = 0; i < keyLength[width]; i++) {
      keyWord[width][i / 8] |= (u64)p[i] << (8 * (i % 8));
      keyMask[width][i / 8] |= (u64)255 << (8 * (i % 8));
    }
    /* more keys of one first letter than there is room for: the JavaScript loop's to read */
    if (firsts[*p & 127] >= 16) return DECLINE;
    byFirst[*p & 127][firsts[*p & 127]++] = width;
    p += keyLength[width] + 1;
  }
  if (width != state[S_WIDTH]) return DECLINE;

  while (at < end) {
    const u8 *found = (const u8 *)memchr(b + at, 10, (size_t)(end - at));
    int stop = found ? (int)(found - b) : end;
    int next = stop + 1;
    int first, split;
    int breaksBefore = breaks;
    if (found) breaks++;
    /* CRLF: the CR is the line break's */
    if (stop < end && stop > at && b[stop - 1] == 13) {
      stop--;
      breaks++;
    }
    first = b[at];
    /* An indented line (mayBePlain's "\\n "): ini/key-scan.ts's to read */
    if (first == 32) return DECLINE;
    if (first == 91) {
      /* The line's last ] if it leaves a name of one character or more */
      int close = stop - 1;
      while (close >= at + 2 && b[close] != 93) close--;
      if (close >= at + 2) {
        int from = -1, to = close;
        if (close - at == 8 && same(b, at + 1, stop, "DEFAULT", 7)) return DECLINE;
        if (file) {
          from = at + 1;
        } else if (same(b, at + 1, stop, "profile", 7)) {
          if (b[at + 8] != 32 || close <= at + 9) return DECLINE;
          for (i = at + 9; i < close; i++) {
            int c = b[i];
            if (c == 32 || c == 9 || c == 34 || c == 39 || c == 92 || c == 13 || c == 10)
              return DECLINE;
          }
          from = at + 9;
          if (close - at == 16 && same(b, at + 9, stop, "default", 7)) profileDefault = 1;
        } else if (close - at == 8 && same(b, at + 1, stop, "default", 7)) {
          from = at + 1;
          plainDefault = 1;
        }
        if (from < 0) {
          current = -1;
        } else {
          /* ListNames.add */
          names_t names = {config, credentials, nameFile, nameStart, nameEnd, nameHash, slots, mask};
          u32 h = ahead[0] == from && ahead[1] == to ? (u32)ahead[2] : fnv1a(b, from, to);
          u32 slot = 0;
          fetch_next(memchr, b, next, end, file, slots, mask, ahead);
          int ordinal = find_name(&names, b, from, to, h, &slot);
          if (ordinal < 0) {
            if (size >= room || (u32)size * 2 >= mask) {
              /* the line again once the caller has made room */
              return stop_at(state, MORE_NAMES, at, current, breaksBefore, plainDefault,
                             profileDefault, size);
            }
            ordinal = size++;
            nameFile[ordinal] = (u8)file;
            nameStart[ordinal] = from;
            nameEnd[ordinal] = to;
            nameHash[ordinal] = (int)h;
            slots[slot] = ordinal + 1;
          }
          current = ordinal;
          /* the profiles with a section in the credentials file (list-rows-c.ts reads no
             other profile's row of its places) */
          if (file) present[ordinal] = 1;
        }
        /* configparser's aliases: which of the two wins is ProfileIndex's to say */
        if (plainDefault && profileDefault) return DECLINE;
        at = next;
        if (2 * width * (current + 1) > placesLength) {
          return stop_at(state, MORE_PLACES, at, current, breaks, plainDefault,
                         profileDefault, size);
        }
        continue;
      }
    }
    if (current < 0 || first == 35 || first == 59) {
      at = next;
      continue;
    }
    /* A wanted key spelt as it is: its name, spaces, = or : */
    k = -1;
    split = -1;
    if (first < 128 && firsts[first] > 0) {
      int n = firsts[first];
      /* The line's bytes compared 8 at a time (TinyCC's byte loops are slow); near the
         text's end, where a word would be read past it, byte by byte. */
      u64 word = 0;
      if (at + 8 <= end) word = *(const u64 *)(b + at);
      for (i = 0; i < n; i++) {
        int c = byFirst[first][i];
        if (at + keyLength[c] > stop) continue;
        if (at + 8 * keyWords[c] <= end) {
          const u64 *w = (const u64 *)(b + at);
          if ((word & keyMask[c][0]) != keyWord[c][0]) continue;
          if (keyWords[c] > 1 && (w[1] & keyMask[c][1]) != keyWord[c][1]) continue;
          if (keyWords[c] > 2 && (w[2] & keyMask[c][2]) != keyWord[c][2]) continue;
          if (keyWords[c] > 3 && (w[3] & keyMask[c][3]) != keyWord[c][3]) continue;
        } else if (!same(b, at, stop, (const char *)key[c], keyLength[c])) {
          continue;
        }
        split = at + keyLength[c];
        while (split < stop && b[split] == 32) split++;
        if (split < stop && (b[split] == 61 || b[split] == 58)) {
          k = c;
          break;
        }
      }
    }
    if (k < 0) {
      /* The exact rule: up to the first = or :, right-stripped, lower-cased */
      int upper = 0, keyEnd;
      for (split = at; split < stop; split++) {
        int c = b[split];
        if (c == 61 || c == 58) break;
        if (c >= 65 && c <= 90) upper = 1;
      }
      if (split >= stop || !upper) {
        at = next;
        continue;
      }
      keyEnd = split;
      while (keyEnd > at && b[keyEnd - 1] == 32) keyEnd--;
      for (k = 0; k < width; k++) {
        if (keyLength[k] != keyEnd - at) continue;
        for (i = 0; i < keyLength[k]; i++) {
          int c = b[at + i];
          if (c >= 65 && c <= 90) c += 32;
          if (c != key[k][i]) break;
        }
        if (i == keyLength[k]) break;
      }
      if (k == width) k = -1;
    }
    if (k >= 0) {
      int from = split + 1;
      int to = stop;
      int place = 2 * (current * width + k);
      while (from < to && b[from] == 32) from++;
      while (to > from && b[to - 1] == 32) to--;
      places[place] = from < to ? from + 1 : 0;
      places[place + 1] = to;
    }
    at = next;
  }
  return stop_at(state, DONE, at, current, breaks, plainDefault, profileDefault, size);
}

/* simple-read.ts's mayBePlain and plainGiven on the bytes, which list_scan reads without a
   text: the count of control characters (below 32, and 127) in b[0..end), for the caller to
   hold to list_scan's line-break characters (a file is plain when they are its only ones); or
   -1 when a byte is not ASCII. 32 bytes at a time as four words, in one expression (TinyCC
   keeps an expression in registers and every variable in memory: a word per statement cost
   4 times as much), without a branch per byte: for an ASCII byte c, (c + 1) & 127 is below 33
   exactly when c is a control, and adding 95 then sets its top bit exactly when it is not; no
   carry leaves a byte. Each byte's flags are summed in its own byte of sum (at most 28 a
   run, so that the sum of all eight fits in one when they are folded). */
#define CONTROLS(w) \\
  ((~((((w) + 0x0101010101010101ull) & 0x7f7f7f7f7f7f7f7full) + 0x5f5f5f5f5f5f5f5full) & \\
    0x8080808080808080ull) >> 7)

int list_controls(const u8 *b, int end) {
  const u64 *p = (const u64 *)b;
  const u64 *last = (const u64 *)(b + (end & ~31));
  u64 high = 0, sum;
  int count = 0, at;
  while (p < last) {
    const u64 *stop = p + 28;
    if (stop > last) stop = last;
    sum = 0;
    for (; p < stop; p += 4) {
      u64 w0 = p[0], w1 = p[1], w2 = p[2], w3 = p[3];
      high |= w0 | w1 | w2 | w3;
      sum += CONTROLS(w0) + CONTROLS(w1) + CONTROLS(w2) + CONTROLS(w3);
    }
    count += (int)((sum * 0x0101010101010101ull) >> 56);
  }
  for (at = end & ~31; at < end; at++) {
    high |= b[at];
    if (b[at] < 32 || b[at] == 127) count++;
  }
  return (high & 0x8080808080808080ull) != 0 ? -1 : count;
}

/* list-facts.ts's Facts constructor: for each profile whose name is another's name and one of
   the suffixes (each, then a NUL; a NUL after the last), out[suffix * size + that other] =
   the profile (the last such profile of a name wins). out is -1 everywhere before. */
#define AHEAD 8
int list_suffixed(const u8 *config, const u8 *credentials, int size, const u8 *nameFile,
                  const int *nameStart, const int *nameEnd, const int *nameHash,
                  const int *slots, int mask, const u8 *suffixes, int *out) {
  const u8 *suffix[8];
  int suffixLength[8];
  int ringEnd[AHEAD][8];
  u32 ringHash[AHEAD][8];
  int count = 0, profile, j, i;
  const u8 *p;
  names_t names;
  for (p = suffixes; *p && count < 8; count++) {
    suffix[count] = p;
    suffixLength[count] = 0;
    while (p[suffixLength[count]]) suffixLength[count]++;
    p += suffixLength[count] + 1;
  }
  if (*p) return DECLINE;
  names.config = config;
  names.credentials = credentials;
  names.nameFile = nameFile;
  names.nameStart = nameStart;
  names.nameEnd = nameEnd;
  names.nameHash = nameHash;
  names.slots = slots;
  names.mask = (u32)mask;
  /* Each profile's names to find are worked out AHEAD profiles before they are looked up,
     their slots fetched meanwhile (fetch): the ring holds each one's base's end (-1: that
     suffix is not the name's) and hash. Looked up in order: the last profile still wins. */
  for (profile = 0; profile < size + AHEAD; profile++) {
    int r = profile % AHEAD;
    if (profile >= AHEAD) {
      int earlier = profile - AHEAD;
      const u8 *b = nameFile[earlier] ? credentials : config;
      for (j = 0; j < count; j++) {
        int o;
        u32 empty;
        if (ringEnd[r][j] < 0) continue;
        o = find_name(&names, b, nameStart[earlier], ringEnd[r][j], ringHash[r][j], &empty);
        if (o >= 0) out[j * size + o] = earlier;
      }
    }
    if (profile < size) {
      const u8 *b = nameFile[profile] ? credentials : config;
      int start = nameStart[profile];
      int end = nameEnd[profile];
      for (j = 0; j < count; j++) {
        int from = end - suffixLength[j];
        ringEnd[r][j] = -1;
        if (from < start || b[end - 1] != suffix[j][suffixLength[j] - 1]) continue;
        for (i = 0; i < suffixLength[j] && b[from + i] == suffix[j][i]; i++) {
        }
        if (i < suffixLength[j]) continue;
        ringEnd[r][j] = from;
        ringHash[r][j] = fnv1a(b, start, from);
        fetch(slots + (ringHash[r][j] & (u32)mask));
      }
    }
  }
  return DONE;
}
`;
