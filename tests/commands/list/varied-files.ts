/**
 * fast-check generators of the AWS files `list` reads, with what makes a profile what it is:
 * roles, long-term partners by each suffix and by awsmfa_long_term_profile, key stores (and
 * a bad one), credential_process, SSO keys, sessions in the credentials file (valid, expired,
 * aws-mfa's time, AKIA with a stale token), devices of every spelling (and bad ones); and the
 * noise that must not change the answer: odd spacing and case, `:` for `=`, comments, blank
 * lines, repeated sections, `[default]` beside `[profile default]`, indented lines, tabs,
 * non-ASCII, CRLF, a BOM, now and then `[DEFAULT]`, an indented header or a control character.
 */
import fc from "fast-check";

const BASES = ["dev", "prod", "a.b", "ünï", "default", "x y", "😀"];
const SUFFIXES = ["", "", "", "-long-term", "-mfa", "-default", "-mfa-mfa", "-keys"];
const NAME = fc
  .tuple(fc.constantFrom(...BASES), fc.constantFrom(...SUFFIXES))
  .map(([b, s]) => b + s);

const SERIALS = [
  "arn:aws:iam::123456789012:mfa/alice",
  "arn:aws-cn:iam::123456789012:mfa/bob",
  "arn:aws:iam::123456789012:u2f/user/alice/key-1",
  "GAHT12345678",
  "not a serial",
  "arn:aws:iam::12:mfa/short",
];
const KEY_IDS = ["AKIAAAAAAAAAAAAAAAAA", "ASIABBBBBBBBBBBBBBBB", "AKIACCCCCCCCCCCCCCCC", "XYZ1"];

/** A key and the values worth trying for it. */
const PAIRS: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constant("region"), fc.constantFrom("eu-west-1", "us-east-1", "", "ü-1")),
  fc.tuple(
    fc.constantFrom("mfa_serial", "aws_mfa_device", "aws_arn_mfa"),
    fc.constantFrom(...SERIALS),
  ),
  fc.tuple(fc.constant("aws_access_key_id"), fc.constantFrom(...KEY_IDS)),
  fc.tuple(fc.constant("aws_secret_access_key"), fc.constantFrom("secret", "")),
  fc.tuple(fc.constantFrom("aws_session_token", "aws_security_token"), fc.constantFrom("tok", "")),
  fc.tuple(
    fc.constant("expiration"),
    fc.constantFrom("2026-01-01T05:00:00Z", "2025-12-31T23:00:00Z", "2026-01-01 02:30:00", "soon"),
  ),
  fc.tuple(
    fc.constant("role_arn"),
    fc.constantFrom(
      "arn:aws:iam::123456789012:role/admin",
      "arn:aws:iam::123456789012:role/ro",
      "bad",
    ),
  ),
  fc.tuple(fc.constant("source_profile"), NAME),
  fc.tuple(fc.constant("awsmfa_long_term_profile"), NAME),
  fc.tuple(
    fc.constant("awsmfa_key_store"),
    fc.constantFrom("keychain", "pass", "encrypted-file", "credentials-file", "vault"),
  ),
  fc.tuple(fc.constant("awsmfa_key_id"), fc.constantFrom("AKIADDDDDDDDDDDDDDDD", "")),
  fc.tuple(fc.constant("credential_process"), fc.constantFrom("awsmfa credential-process x", "")),
  fc.tuple(
    fc.constantFrom("sso_start_url", "sso_session", "output"),
    fc.constantFrom("https://x", "json"),
  ),
);

/** A key line, spelt one of the ways configparser reads alike (and, rarely, one it reads apart). */
const KEY_LINE = fc
  .tuple(
    PAIRS,
    fc.constantFrom(" = ", "=", " =", "  :  ", ": ", " = ", " = "),
    fc.constantFrom("", "", "", "  ", "\t"),
    fc.constantFrom("lower", "lower", "lower", "upper", "title"),
  )
  .map(([[key, value], delimiter, trailing, spelling]) => {
    const spelt =
      spelling === "upper"
        ? key.toUpperCase()
        : spelling === "title"
          ? key[0]!.toUpperCase() + key.slice(1)
          : key;
    return `${spelt}${delimiter}${value}${trailing}`;
  });

const NOISE = fc.constantFrom(
  "# a comment",
  "; another",
  "",
  "# café ☕",
  "  indented = continued",
  "\tx = 1",
);
const BODY = fc.array(
  fc.oneof({ weight: 5, arbitrary: KEY_LINE }, { weight: 1, arbitrary: NOISE }),
  {
    maxLength: 6,
  },
);

function configHeader(name: string, spelling: number): string {
  if (name === "default" && spelling % 3 === 0) return "[default]";
  if (spelling === 1 && !/["\\]/.test(name)) return `[profile "${name}"]`;
  if (spelling === 2) return `[profile  ${name}]`;
  return name.includes(" ") ? `[profile "${name}"]` : `[profile ${name}]`;
}

/** One section of a file: its header (by file) and its lines. */
const SECTION = fc.record({
  file: fc.constantFrom("config", "credentials", "credentials"),
  name: NAME,
  spelling: fc.nat(7),
  body: BODY,
});

/** A profile and its long-term partner as people write them: the usual case, made often. */
const PAIR = fc
  .record({
    name: fc.constantFrom(...BASES),
    suffix: fc.constantFrom("-long-term", "-mfa", "-default"),
    serial: fc.constantFrom(SERIALS[0]!, SERIALS[1]!, SERIALS[3]!),
    keyId: fc.constantFrom("AKIAAAAAAAAAAAAAAAAA", "AKIAZZZZZZZZZZZZZZZZ"),
    extra: BODY,
  })
  .map(({ name, suffix, serial, keyId, extra }) => [
    { file: "config", name, spelling: 0, body: [`mfa_serial = ${serial}`, ...extra] },
    {
      file: "credentials",
      name: name + suffix,
      spelling: 0,
      body: [`aws_access_key_id = ${keyId}`, "aws_secret_access_key = s"],
    },
  ]);

export interface VariedFiles {
  config: string;
  credentials: string;
  /** One choice per profile, in order, for whether and how it gets a cached session. */
  cached: number[];
}

export const variedFiles: fc.Arbitrary<VariedFiles> = fc
  .record({
    sections: fc
      .array(
        fc.oneof(
          SECTION.map((one) => [one]),
          PAIR,
        ),
        { maxLength: 10 },
      )
      .map((groups) => groups.flat()),
    eol: fc.constantFrom("\n", "\n", "\n", "\r\n"),
    bom: fc.boolean(),
    odd: fc.constantFrom(
      "none",
      "none",
      "none",
      "none",
      "DEFAULT",
      "indented header",
      "sso",
      "form feed",
      "escape",
    ),
    cached: fc.array(fc.nat(5), { minLength: 40, maxLength: 40 }),
  })
  .map(({ sections, eol, bom, odd, cached }) => {
    const config: string[] = [];
    const credentials: string[] = [];
    for (const { file, name, spelling, body } of sections) {
      const header = file === "config" ? configHeader(name, spelling) : `[${name}]`;
      (file === "config" ? config : credentials).push(header, ...body);
    }
    if (odd === "DEFAULT") config.push("[DEFAULT]", "region = from-default");
    if (odd === "indented header")
      credentials.push("  [dev]", "aws_access_key_id = AKIAEEEEEEEEEEEEEEEE");
    if (odd === "sso") config.push("[sso-session dev]", "region = r");
    // Control characters other than CR and tab: found only after the lines were read
    // (ini/key-scan.ts's quick look), in the second file or the first
    if (odd === "form feed") credentials.push("# a form feed \f here");
    if (odd === "escape") config.push("[profile esc]", "region = \x1b[1mbold\x1b[0m");
    const text = (lines: string[]) =>
      (bom ? "\uFEFF" : "") + lines.map((line) => line + eol).join("");
    return { config: text(config), credentials: text(credentials), cached };
  });
