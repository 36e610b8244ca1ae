/**
 * fast-check generators of AWS config/credentials files: headers in all the spellings botocore
 * accepts (and some it does not), keys with `=` or `:`, nested `s3 =` blocks, multi-line
 * values, comments, blank lines, odd indentation, CRLF / CR / LF, BOM, missing final newline.
 *
 * `sdkSafe` narrows the grammar to what botocore and the AWS SDK for JavaScript read alike
 * (see sdk-agreement.test.ts for the differences left out).
 */
import fc from "fast-check";
import type { FileKind } from "../../../src/ini/index.ts";

export interface FileOptions {
  kind: FileKind;
  /** Only constructs both botocore and the JavaScript SDK read the same way. */
  sdkSafe?: boolean;
  /** Lines botocore rejects: text before any header, no delimiter, empty key. */
  invalid?: boolean;
}

const NAMES = ["dev", "prod", "default", "x.y", "a@b", "team-1", "prod/eu"];
const ODD_NAMES = ["my name", `it's`, 'say "hi"', "DEFAULT", "dev"];
const KEYS = ["region", "output", "aws_access_key_id", "aws_session_token", "mfa_serial", "x"];
const VALUES = ["us-east-1", "AKIAEXAMPLE", "tok+/=", "a = b", "x:y", "ü ñ", "a#b", "json"];
const NESTED_KEYS = ["max_concurrent_requests", "addressing_style", "Signature_Version"];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const optional = (text: string) => fc.constantFrom("", text);

function headerName(options: FileOptions): fc.Arbitrary<string> {
  const name = pick(NAMES);
  if (options.kind === "credentials") {
    return options.sdkSafe
      ? name
      : fc.oneof(name, pick([...ODD_NAMES, "profile dev", " spaced ", "a]b"]));
  }
  const safe = fc.oneof(
    fc.constant("default"),
    name.map((n) => `profile ${n}`),
    name.map((n) => `profile "${n}"`),
    name.map((n) => `sso-session ${n}`),
    name.map((n) => `services ${n}`),
    fc.constant("plain"),
  );
  if (options.sdkSafe) return safe;
  return fc.oneof(
    safe,
    pick(ODD_NAMES).map((n) => `profile "${n.replace(/["\\]/g, "\\$&")}"`),
    name.map((n) => `profile  ${n}`),
    name.map((n) => `profile ${n} `),
    name.map((n) => `profiles ${n}`),
    pick(["DEFAULT", "profile", "profile a b", 'profile "open', " default ", "Default"]),
  );
}

function header(options: FileOptions): fc.Arbitrary<string[]> {
  const indent = options.sdkSafe ? fc.constant("") : pick(["", "", "", " "]);
  return fc
    .tuple(indent, headerName(options), pick(["", "", " # note", " ; note"]))
    .map(([space, name, comment]) => [`${space}[${name}]${comment}`]);
}

function keyLine(options: FileOptions): fc.Arbitrary<string[]> {
  const sdkSafe = options.sdkSafe === true;
  const keys = sdkSafe ? pick(KEYS) : pick([...KEYS, "Region", "AWS_Session_Token"]);
  const values = sdkSafe ? pick(VALUES) : pick([...VALUES, "v # c", "v ;c", "", "  "]);
  return fc
    .tuple(
      sdkSafe ? fc.constant("") : pick(["", "", "", "  ", "\t"]),
      keys,
      pick(["", " ", "  ", "\t"]),
      sdkSafe ? fc.constant("=") : pick(["=", "=", ":"]),
      pick(["", " ", "  "]),
      values,
      optional(" "),
    )
    .map(([indent, key, before, delimiter, after, value, trailing]) => [
      `${indent}${key}${before}${delimiter}${after}${value}${trailing}`,
    ]);
}

function nestedBlock(options: FileOptions): fc.Arbitrary<string[]> {
  const inner = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(pick(["  ", "    ", "\t"]), pick(NESTED_KEYS), pick(VALUES)) },
    { weight: 1, arbitrary: pick(["", "  # inside", "\t; inside"]) },
  );
  return fc
    .tuple(
      pick(["s3", "sts", "S3"]),
      optional(" "),
      fc.array(inner, { minLength: 1, maxLength: 4 }),
    )
    .filter(([, , lines]) => lines.some((line) => typeof line !== "string"))
    .filter(([key]) => !options.sdkSafe || key !== "S3")
    .map(([key, space, lines]) => [
      `${key}${space}=`,
      ...lines.map((line) =>
        typeof line === "string" ? line : `${line[0]}${line[1]} = ${line[2]}`,
      ),
    ]);
}

/** `key = first` followed by deeper lines: a multi-line value (not for the SDK). */
const continuedValue = fc
  .tuple(
    pick(KEYS),
    fc.array(pick(["  more", "    deeper", "\tx = y", "  [not a header]"]), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([key, lines]) => [`${key} = first`, ...lines]);

const comment = fc
  .tuple(pick(["", "", "  "]), pick(["#", ";"]), pick(["", " note", " key = value", " [x]"]))
  .map(([indent, mark, text]) => [`${indent}${mark}${text}`]);
const blank = pick(["", "", "  ", "\t"]).map((line) => [line]);
/**
 * Lines botocore rejects. The SDK skips them too, except `[]`, which it takes as a header; an
 * indented one may continue a value for botocore, which the SDK knows nothing of.
 */
const invalidLine = (options: FileOptions) =>
  pick(options.sdkSafe ? ["garbage", "= v", ": v"] : ["garbage", "= v", "  : v", "[]"]).map(
    (line) => [line],
  );

function bodyItem(options: FileOptions): fc.Arbitrary<string[]> {
  const items: fc.WeightedArbitrary<string[]>[] = [
    { weight: 8, arbitrary: keyLine(options) },
    { weight: 2, arbitrary: nestedBlock(options) },
    { weight: 2, arbitrary: comment },
    { weight: 2, arbitrary: blank },
  ];
  if (!options.sdkSafe) items.push({ weight: 1, arbitrary: continuedValue });
  if (options.invalid) items.push({ weight: 1, arbitrary: invalidLine(options) });
  return fc.oneof(...items);
}

function section(options: FileOptions): fc.Arbitrary<string[]> {
  return fc
    .tuple(header(options), fc.array(bodyItem(options), { maxLength: 6 }))
    .map(([head, items]) => [...head, ...items.flat()]);
}

function lineEndings(options: FileOptions): fc.Arbitrary<readonly string[]> {
  const single = pick(["\n", "\r\n", ...(options.sdkSafe ? [] : ["\r"])]).map((eol) => [eol]);
  const mixed = fc.constant(options.sdkSafe ? ["\n", "\r\n"] : ["\n", "\r\n", "\r"]);
  return fc.oneof({ weight: 5, arbitrary: single }, { weight: 1, arbitrary: mixed });
}

/** A whole file as text. */
export function iniFile(options: FileOptions): fc.Arbitrary<string> {
  const preamble = fc.array(
    fc.oneof(comment, blank, ...(options.invalid ? [invalidLine(options)] : [])),
    { maxLength: 3 },
  );
  return fc
    .record({
      bom: pick([false, false, false, true]),
      preamble,
      sections: fc.array(section(options), { maxLength: 6 }),
      eols: lineEndings(options),
      eolSeed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
      finalEol: fc.boolean(),
    })
    .map(({ bom, preamble, sections, eols, eolSeed, finalEol }) => {
      const lines = [...preamble.flat(), ...sections.flat()];
      let text = bom ? "\uFEFF" : "";
      lines.forEach((line, i) => {
        const eol = eols[eolSeed[i % eolSeed.length]! % eols.length]!;
        text += line + (i < lines.length - 1 || finalEol ? eol : "");
      });
      return text;
    });
}
