/**
 * The `expiration` key of a credentials-file section, as the tools that write it spell it:
 * ISO-8601 with `Z` or an offset (awsmfa, the AWS CLI's export), or aws-mfa's
 * `2026-11-21 09:41:00`, which is UTC without saying so. JavaScript would read that one as
 * local time, hours off; so a time without a zone is read as UTC here.
 */

/** The instant, or undefined for anything that is not a date and time. */
export function parseExpiration(text: string | undefined): Date | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const zone = dateTimeEnd(value);
  if (zone < 0) return undefined;
  let iso: string;
  if (zone === value.length) {
    // No zone (the separator a T or a space): UTC.
    const separator = value.charCodeAt(10);
    if (separator !== 84 && separator !== 32) return undefined;
    iso = `${value.slice(0, 10)}T${value.slice(11)}Z`;
  } else {
    if (!isZone(value, zone)) return undefined;
    // Date accepts `+01:00` but not `+0100`.
    iso = value.replace(" ", "T");
    if (value.length - zone === 5) iso = `${iso.slice(0, -2)}:${iso.slice(-2)}`;
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/*
 * Loops, not regular expressions: the cached login reads the expiration of the session in the
 * credentials file, and runs none (the first one costs it ~0.15 ms and 1.4 MiB, see
 * docs/performance.md). Together they are what these were (the tests keep them):
 *   no zone:   /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)$/
 *   with zone: /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$/i
 *   then:      .replace(" ", "T").replace(/([+-]\d\d)(\d\d)$/, "$1:$2")
 */

/**
 * Where the zone would start after `2026-11-21T09:41`, `:00` and `.123` (the separator T, t or
 * a space), or -1 when the text does not start so.
 */
function dateTimeEnd(value: string): number {
  if (!digitsAt(value, 0, 4) || value.charCodeAt(4) !== 45 || !digitsAt(value, 5, 2)) return -1;
  if (value.charCodeAt(7) !== 45 || !digitsAt(value, 8, 2)) return -1;
  const separator = value.charCodeAt(10); // T, t or a space
  if (separator !== 84 && separator !== 116 && separator !== 32) return -1;
  if (!digitsAt(value, 11, 2) || value.charCodeAt(13) !== 58 || !digitsAt(value, 14, 2)) return -1;
  if (value.charCodeAt(16) !== 58 || !digitsAt(value, 17, 2)) return 16;
  if (value.charCodeAt(19) !== 46 || !digitsAt(value, 20, 1)) return 19;
  let end = 21;
  while (digitsAt(value, end, 1)) end++;
  return end;
}

/** Z (or z), or a sign, two digits, an optional colon and two digits, up to the end. */
function isZone(value: string, at: number): boolean {
  const c = value.charCodeAt(at);
  if (c === 90 || c === 122) return at + 1 === value.length;
  if (c !== 43 && c !== 45) return false;
  const minutes = value.charCodeAt(at + 3) === 58 ? at + 4 : at + 3;
  return digitsAt(value, at + 1, 2) && digitsAt(value, minutes, 2) && minutes + 2 === value.length;
}

function digitsAt(value: string, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) {
    const c = value.charCodeAt(i);
    if (!(c >= 0x30 && c <= 0x39)) return false;
  }
  return true;
}
