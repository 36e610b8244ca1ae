/** setProfileKeys on tricky inputs, with the exact text expected back. */
import { describe, expect, test } from "bun:test";
import { type FileKind, IniEditError, profilesOf, setProfileKeys } from "../../src/ini/index.ts";

interface Case {
  name: string;
  /** Default: credentials, where [dev] is the profile dev. */
  kind?: FileKind;
  profile?: string;
  before: string;
  values: Record<string, string>;
  after: string;
}

const CASES: Case[] = [
  // Updating keys that are there.
  {
    name: "in place, keeping the line's spacing",
    before: "[dev]\nregion  =   us-east-1\noutput=json\n",
    values: { region: "eu-west-1" },
    after: "[dev]\nregion  =   eu-west-1\noutput=json\n",
  },
  {
    name: "matching the key case-insensitively, written as given",
    before: "[dev]\nRegion = a\n",
    values: { region: "b" },
    after: "[dev]\nregion = b\n",
  },
  {
    name: "`k: v` becomes `k = v` (the SDK reads only =)",
    before: "[dev]\nregion: a\n",
    values: { region: "b" },
    after: "[dev]\nregion = b\n",
  },
  {
    name: "an inline comment is part of the old value, so it goes",
    before: "[dev]\nregion = a # home\n",
    values: { region: "b" },
    after: "[dev]\nregion = b\n",
  },
  {
    name: "a nested block is replaced with its lines",
    before: "[dev]\ns3 =\n  a = 1\n  # inside\n  b = 2\nregion = x\n",
    values: { s3: "v" },
    after: "[dev]\ns3 = v\nregion = x\n",
  },
  {
    name: "a multi-line value is replaced with its lines",
    before: "[dev]\nca = x\n  y\n\n  z\nregion = r\n",
    values: { ca: "w" },
    after: "[dev]\nca = w\nregion = r\n",
  },
  {
    name: "an indented key keeps its indent",
    before: "[dev]\n\tregion = a\n",
    values: { region: "b" },
    after: "[dev]\n\tregion = b\n",
  },
  {
    name: "a last line without a line ending stays without",
    before: "[dev]\na = 1",
    values: { a: "2" },
    after: "[dev]\na = 2",
  },
  {
    name: "every copy of a repeated key",
    before: "[dev]\na = 1\na = 2\n",
    values: { a: "3" },
    after: "[dev]\na = 3\na = 3\n",
  },
  // Adding keys.
  {
    name: "after the last key, before the blank lines and comments that end the section",
    before: "[dev]\nregion = a\n\n# prod follows\n[prod]\n",
    values: { output: "json", x: "1" },
    after: "[dev]\nregion = a\noutput = json\nx = 1\n\n# prod follows\n[prod]\n",
  },
  {
    name: "in the section's style",
    before: "[dev]\nregion=a\n[prod]\nk = v\n",
    values: { output: "json" },
    after: "[dev]\nregion=a\noutput=json\n[prod]\nk = v\n",
  },
  {
    name: "in the file's style when the section has no keys",
    before: "[a]\nk\t=\t1\n[dev]\n",
    values: { output: "json" },
    after: "[a]\nk\t=\t1\n[dev]\noutput\t=\tjson\n",
  },
  {
    name: "right after the header of a section without keys",
    before: "[dev]\n# keep\n\n[prod]\n",
    values: { output: "json" },
    after: "[dev]\noutput = json\n# keep\n\n[prod]\n",
  },
  {
    name: "at the indent of indented keys",
    before: "[dev]\n  region = a\n",
    values: { output: "json" },
    after: "[dev]\n  region = a\n  output = json\n",
  },
  {
    name: "after a nested block, at the indent of its key",
    before: "[dev]\ns3 =\n  a = 1\n",
    values: { region: "x" },
    after: "[dev]\ns3 =\n  a = 1\nregion = x\n",
  },
  {
    name: "after a last line without a line ending, giving it one",
    before: "[dev]\na = 1",
    values: { b: "2" },
    after: "[dev]\na = 1\nb = 2\n",
  },
  {
    name: "no shallower than an indented next header (else it would continue our value)",
    before: "[dev]\n  [prod]\nx = 1\n",
    values: { k: "v" },
    after: "[dev]\n  k = v\n  [prod]\nx = 1\n",
  },
  {
    name: "after an invalid line that follows the last key",
    before: "[dev]\na = 1\ngarbage\n",
    values: { b: "2" },
    after: "[dev]\na = 1\ngarbage\nb = 2\n",
  },
  {
    name: "updating and adding at once, CRLF kept",
    before: "[dev]\r\na = 1\r\n\r\n[x]\r\n",
    values: { a: "2", b: "3" },
    after: "[dev]\r\na = 2\r\nb = 3\r\n\r\n[x]\r\n",
  },
  // New sections.
  {
    name: "config: [profile x] at the end after one blank line",
    kind: "config",
    before: "[default]\nregion = a\n",
    profile: "dev",
    values: { k: "v" },
    after: "[default]\nregion = a\n\n[profile dev]\nk = v\n",
  },
  {
    name: "config: [default] in an empty file",
    kind: "config",
    before: "",
    profile: "default",
    values: { region: "a" },
    after: "[default]\nregion = a\n",
  },
  {
    name: "config: a name with a space is quoted for shlex",
    kind: "config",
    before: "",
    profile: 'my "odd" name',
    values: { k: "v" },
    after: '[profile "my \\"odd\\" name"]\nk = v\n',
  },
  {
    name: "config: [sso-session dev] is not profile dev",
    kind: "config",
    before: "[sso-session dev]\na = 1\n",
    values: { k: "v" },
    after: "[sso-session dev]\na = 1\n\n[profile dev]\nk = v\n",
  },
  {
    name: "[x], after a last line that lacked its line ending",
    before: "[a]\nk = 1",
    values: { k: "v" },
    after: "[a]\nk = 1\n\n[dev]\nk = v\n",
  },
  {
    name: "no second blank line after a blank last line",
    before: "[a]\nk = 1\n\n",
    values: { k: "v" },
    after: "[a]\nk = 1\n\n[dev]\nk = v\n",
  },
  {
    name: "CRLF file, CRLF lines",
    before: "[a]\r\nk = 1\r\n",
    values: { k: "v" },
    after: "[a]\r\nk = 1\r\n\r\n[dev]\r\nk = v\r\n",
  },
  {
    name: "lone-CR file, CR lines",
    before: "[a]\rk = 1\r",
    values: { k: "v" },
    after: "[a]\rk = 1\r\r[dev]\rk = v\r",
  },
  {
    name: "byte-order mark kept",
    before: "\uFEFF# mine\n",
    values: { k: "v" },
    after: "\uFEFF# mine\n\n[dev]\nk = v\n",
  },
  {
    name: "[DEFAULT] is left alone",
    before: "[DEFAULT]\nk = 1\n",
    values: { k: "v" },
    after: "[DEFAULT]\nk = 1\n\n[dev]\nk = v\n",
  },
  // A profile held by several sections: every one gets the values.
  {
    name: "repeated section",
    before: "[dev]\na = 1\n[x]\n[dev]\nb = 2\n",
    values: { a: "3" },
    after: "[dev]\na = 3\n[x]\n[dev]\nb = 2\na = 3\n",
  },
  {
    name: "config: [default] and [profile default]",
    kind: "config",
    profile: "default",
    before: "[default]\nregion = a\n[profile default]\noutput = json\n",
    values: { region: "b" },
    after: "[default]\nregion = b\n[profile default]\noutput = json\nregion = b\n",
  },
];

describe("setProfileKeys", () => {
  test.each(CASES)("$name", ({ kind = "credentials", profile = "dev", before, values, after }) => {
    const ref = { kind, profile };
    const result = setProfileKeys(before, ref, values);
    expect(result).toBe(after);
    const read = profilesOf(result, kind).get(profile)!;
    for (const [key, value] of Object.entries(values)) expect(read[key]).toBe(value);
    expect(setProfileKeys(result, ref, values)).toBe(result);
  });

  test("no values: the text comes back as it was", () => {
    expect(setProfileKeys("[a]\nk=1", { kind: "config", profile: "x" }, {})).toBe("[a]\nk=1");
  });
});

describe("setProfileKeys refuses what would not read back", () => {
  const SECRET = "wJalrXUtnFEMI/K7MDENG";
  const ref = { kind: "credentials", profile: "dev" } as const;

  test.each<[string, Record<string, string>]>([
    ["a line feed", { aws_secret_access_key: `${SECRET}\nregion = x` }],
    ["a carriage return", { aws_secret_access_key: `${SECRET}\r` }],
    ["a leading space", { aws_secret_access_key: ` ${SECRET}` }],
    ["a trailing tab", { aws_secret_access_key: `${SECRET}\t` }],
    ["a trailing U+FEFF (whitespace to the SDK)", { aws_secret_access_key: `${SECRET}\uFEFF` }],
    ["' #' (an SDK comment)", { aws_secret_access_key: `${SECRET} #x` }],
    ["a leading ;", { aws_secret_access_key: `;${SECRET}` }],
    ["an empty value", { aws_secret_access_key: "" }],
  ])("a value with %s, without showing it", (_, values) => {
    let error: unknown;
    try {
      setProfileKeys("[dev]\n", ref, values);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IniEditError);
    const { message, hint } = error as IniEditError;
    expect(message).toContain("aws_secret_access_key");
    expect(`${message} ${hint}`).not.toContain(SECRET);
  });

  test.each(["", " region", "a=b", "a:b", "[x", "#x", ";x", "a\nb", "\uFEFFk"])(
    "the key %j",
    (key) => {
      expect(() => setProfileKeys("", ref, { [key]: "v" })).toThrow(IniEditError);
    },
  );

  test("the same key twice, in two cases", () => {
    expect(() => setProfileKeys("", ref, { region: "a", Region: "b" })).toThrow(/twice/);
  });

  test.each<[FileKind, string]>([
    ["credentials", "DEFAULT"],
    ["credentials", ""],
    ["config", ""],
    ["config", "a\nb"],
  ])("%s profile %j", (kind, profile) => {
    expect(() => setProfileKeys("", { kind, profile }, { k: "v" })).toThrow(IniEditError);
  });

  test("a value with # or ; not after a space is fine", () => {
    const result = setProfileKeys("", ref, { k: "a#b;c" });
    expect(result).toBe("[dev]\nk = a#b;c\n");
  });
});
