/** deleteProfileKeys and deleteProfile on tricky inputs, with the exact text expected back. */
import { describe, expect, test } from "bun:test";
import {
  deleteProfile,
  deleteProfileKeys,
  type FileKind,
  IniEditError,
  profilesOf,
} from "../../src/ini/index.ts";

interface Case {
  name: string;
  /** Default: credentials, where [dev] is the profile dev. */
  kind?: FileKind;
  profile?: string;
  before: string;
  after: string;
}

const KEY_CASES: Array<Case & { keys: string[] }> = [
  {
    name: "only the key's line; comments and other keys stay",
    before: "[dev]\n# mine\na = 1\nb = 2\n\n[x]\na = 1\n",
    keys: ["a"],
    after: "[dev]\n# mine\nb = 2\n\n[x]\na = 1\n",
  },
  {
    name: "a nested block with its lines, comments inside it included",
    before: "[dev]\ns3 =\n  a = 1\n  # inside\n\n  b = 2\n# after\nc = 3\n",
    keys: ["s3"],
    after: "[dev]\n# after\nc = 3\n",
  },
  {
    name: "case-insensitively, every copy",
    before: "[dev]\nRegion = a\nregion = b\noutput = json\n",
    keys: ["REGION"],
    after: "[dev]\noutput = json\n",
  },
  {
    name: "all keys: the header stays",
    before: "[dev]\r\na = 1\r\nb = 2\r\n",
    keys: ["a", "b"],
    after: "[dev]\r\n",
  },
  {
    name: "a last key without a line ending",
    before: "[dev]\na = 1\nb = 2",
    keys: ["b"],
    after: "[dev]\na = 1\n",
  },
  {
    name: "from every section of the profile",
    before: "[dev]\na = 1\n[x]\na = 1\n[dev]\na = 2\nb = 2\n",
    keys: ["a"],
    after: "[dev]\n[x]\na = 1\n[dev]\nb = 2\n",
  },
  {
    name: "config: from [default] and [profile default]",
    kind: "config",
    profile: "default",
    before: "[default]\na = 1\n[profile default]\na = 2\n",
    keys: ["a"],
    after: "[default]\n[profile default]\n",
  },
  {
    name: "a key that is not there: nothing changes",
    before: "\uFEFF[dev]\r\na = 1",
    keys: ["b"],
    after: "\uFEFF[dev]\r\na = 1",
  },
  {
    name: "a profile that is not there: nothing changes",
    profile: "prod",
    before: "[dev]\na = 1\n",
    keys: ["a"],
    after: "[dev]\na = 1\n",
  },
];

const PROFILE_CASES: Case[] = [
  {
    name: "a middle section and the blank lines after it",
    before: "[a]\nk = 1\n\n[dev]\nx = 2\n\n[c]\ny = 3\n",
    after: "[a]\nk = 1\n\n[c]\ny = 3\n",
  },
  {
    name: "the last section and the blank lines before it",
    before: "[a]\nk = 1\n\n[dev]\nx = 2\n",
    after: "[a]\nk = 1\n",
  },
  {
    name: "the last section without a final line ending",
    before: "[a]\r\nk = 1\r\n\r\n[dev]\r\nx = 2",
    after: "[a]\r\nk = 1\r\n",
  },
  {
    name: "the first section",
    before: "[dev]\nx = 2\n\n[c]\n",
    after: "[c]\n",
  },
  {
    name: "the only section",
    before: "[dev]\nx = 2\n",
    after: "",
  },
  {
    name: "comments inside go; comments above and below stay",
    before: "# top\n[a]\nk = 1\n\n# about dev\n[dev]\n# inside\nx = 2\n# about c\n\n[c]\n",
    after: "# top\n[a]\nk = 1\n\n# about dev\n# about c\n\n[c]\n",
  },
  {
    name: "every section of the profile",
    before: "[dev]\nx = 1\n[a]\nk = 1\n[dev]\ny = 2\n",
    after: "[a]\nk = 1\n",
  },
  {
    name: "config: [profile dev] goes, [sso-session dev] stays",
    kind: "config",
    before: "[profile dev]\nx = 1\n\n[sso-session dev]\ny = 2\n",
    after: "[sso-session dev]\ny = 2\n",
  },
  {
    name: "config: aliases of default",
    kind: "config",
    profile: "default",
    before: '[default]\nx = 1\n[profile "default"]\ny = 2\n[profile dev]\n',
    after: "[profile dev]\n",
  },
  {
    name: "a profile that is not there: nothing changes",
    profile: "prod",
    before: "[dev]\nx = 1",
    after: "[dev]\nx = 1",
  },
];

describe("deleteProfileKeys", () => {
  test.each(KEY_CASES)(
    "$name",
    ({ kind = "credentials", profile = "dev", before, keys, after }) => {
      const ref = { kind, profile };
      const result = deleteProfileKeys(before, ref, keys);
      expect(result).toBe(after);
      const read = profilesOf(result, kind).get(profile) ?? {};
      for (const key of keys) expect(read[key.toLowerCase()]).toBeUndefined();
      expect(deleteProfileKeys(result, ref, keys)).toBe(result);
    },
  );
});

describe("deleteProfile", () => {
  test.each(PROFILE_CASES)("$name", ({ kind = "credentials", profile = "dev", before, after }) => {
    const ref = { kind, profile };
    const result = deleteProfile(before, ref);
    expect(result).toBe(after);
    expect(profilesOf(result, kind).has(profile)).toBe(false);
    expect(deleteProfile(result, ref)).toBe(result);
  });

  test("refuses when an indented header would join the section above", () => {
    const before = "[a]\nk = 1\n[dev]\n  [c]\ny = 3\n";
    expect(() => deleteProfile(before, { kind: "credentials", profile: "dev" })).toThrow(
      IniEditError,
    );
    // The same header is fine where the section above ends without an open value.
    const safe = "[a]\n[dev]\n  [c]\ny = 3\n";
    expect(deleteProfile(safe, { kind: "credentials", profile: "dev" })).toBe(
      "[a]\n  [c]\ny = 3\n",
    );
  });
});
