/**
 * profilesOf / sectionsOf on tricky inputs, with exact expected results. Cases botocore reads
 * are also checked against botocore itself in botocore-agreement.test.ts; cases it refuses
 * (marked "botocore: error") follow the AWS SDK, as sdk-agreement.test.ts checks.
 */
import { describe, expect, test } from "bun:test";
import { type FileKind, profilesOf, sectionsOf } from "../../src/ini/index.ts";
import { CONFIG_CASES } from "./support/config-cases.ts";
import { CONFIG_DIFFERENCES } from "./support/reader-differences.ts";

type Profiles = Record<string, Record<string, unknown>>;
const read = (text: string, kind: FileKind): Profiles => Object.fromEntries(profilesOf(text, kind));
const names = (text: string, kind: FileKind) => [...profilesOf(text, kind).keys()];

describe("config file profiles", () => {
  test.each(CONFIG_CASES)("%s", (_, text, expected) => {
    expect(read(text, "config")).toEqual(expected);
  });

  test("aliases: the header that appears last wins as a whole (botocore)", () => {
    const text =
      '[default]\na = 1\n[profile default]\nb = 2\n[profile x]\nc = 3\n[profile "x"]\nd = 4\n';
    expect(read(text, "config")).toEqual({ default: { b: "2" }, x: { d: "4" } });
  });

  test("map order is file order (first appearance)", () => {
    const text = "[profile b]\n[default]\n[profile a]\n[profile b]\n[profile 1]\n";
    expect(names(text, "config")).toEqual(["b", "default", "a", "1"]);
  });

  test.each(CONFIG_DIFFERENCES)("as botocore, unlike the SDK: $why", ({ text, ours }) => {
    expect(read(text, "config")).toEqual(ours);
  });

  test("records have no prototype, so keys like __proto__ are plain data", () => {
    const values = profilesOf("[profile __proto__]\n__proto__ = 1\nconstructor = 2\n", "config");
    const profile = values.get("__proto__")!;
    expect(Object.entries(profile)).toEqual([
      ["__proto__", "1"],
      ["constructor", "2"],
    ]);
    expect(profilesOf("[default]\n", "config").get("default")!.constructor).toBeUndefined();
  });
});

describe("credentials file profiles", () => {
  test.each<[string, string, Profiles]>([
    [
      "every section is a profile, by its exact header",
      "[default]\na = 1\n[profile x]\nb = 2\n[ spaced ]\nc = 3\n[sso-session s]\nd = 4\n",
      {
        default: { a: "1" },
        "profile x": { b: "2" },
        " spaced ": { c: "3" },
        "sso-session s": { d: "4" },
      },
    ],
    [
      "[DEFAULT] is no profile; its keys fill the others",
      "[DEFAULT]\nregion = a\n[dev]\nx = 1\n",
      {
        dev: { x: "1", region: "a" },
      },
    ],
    [
      "CRLF, tabs, no final newline",
      "[dev]\r\n\taws_access_key_id\t=\tAKIA\r\nregion=x",
      {
        dev: { aws_access_key_id: "AKIA", region: "x" },
      },
    ],
  ])("%s", (_, text, expected) => {
    expect(read(text, "credentials")).toEqual(expected);
  });
});

describe("sectionsOf", () => {
  const text =
    "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://x\n" +
    '[services "my svc"]\ns3 =\n  endpoint_url = http://127.0.0.1:9000\n' +
    "[profile dev]\nsso_session = corp\n[sso-session  other ]\na = 1\n";

  test("sso-session sections by name", () => {
    expect(Object.fromEntries(sectionsOf(text, "sso-session"))).toEqual({
      corp: { sso_region: "eu-west-1", sso_start_url: "https://x" },
      other: { a: "1" },
    });
  });

  test("services sections by name, nested values as records", () => {
    expect(Object.fromEntries(sectionsOf(text, "services"))).toEqual({
      "my svc": { s3: { endpoint_url: "http://127.0.0.1:9000" } },
    });
  });

  test("profiles are not among them", () => {
    expect(names(text, "config")).toEqual(["dev"]);
  });
});
