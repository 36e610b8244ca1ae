/**
 * The `expiration` key of a credentials-file section, as the tools that write it spell it:
 * ISO-8601 with `Z` or an offset (awsmfa, the AWS CLI's export), or aws-mfa's
 * `2026-11-21 09:41:00`, which is UTC without saying so. JavaScript would read that one as
 * local time, hours off; so a time without a zone is read as UTC here.
 */
const NO_ZONE = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)$/;
const WITH_ZONE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$/i;

/** The instant, or undefined for anything that is not a date and time. */
export function parseExpiration(text: string | undefined): Date | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const bare = NO_ZONE.exec(value);
  if (!bare && !WITH_ZONE.test(value)) return undefined;
  // Date accepts `+01:00` but not `+0100`.
  const iso = bare
    ? `${bare[1]}T${bare[2]}Z`
    : value.replace(" ", "T").replace(/([+-]\d\d)(\d\d)$/, "$1:$2");
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
