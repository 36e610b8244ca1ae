/**
 * `list`'s fast table (commands/list/fast-table.ts over profiles/list-scan.ts and
 * list-rows.ts) against the general readers' list (general-list.ts), byte for byte, on random
 * pairs of files of the kind the fast path is for (printable ASCII, LF or CRLF) with what makes
 * it hard: `[profile x]` beside `[x]` and `[default]`, long-term partners by every suffix and by
 * awsmfa_long_term_profile, key stores, devices in either file (and bad ones), sessions in the
 * credentials file and in the cache folder (valid, expired, role sessions), repeated sections
 * and keys, comments, blank values, keys spelt in capitals or with `:`, lines that are no key,
 * and now and then what it must leave to the general readers (a tab, a CR alone, a control
 * character, non-ASCII, `[DEFAULT]`, an indented line, quoted names). Where it declines it must
 * have written nothing; it must take most of the files generated.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { writeFastTable } from "../../../src/commands/list/fast-table.ts";
import { runList } from "../../../src/commands/list.ts";
import { readAwsTextsAndBytes } from "../../../src/config/aws-files.ts";
import { testDeps } from "../../support/test-deps.ts";
import { generalList } from "./general-list.ts";
import { type ListFiles, listWorld } from "./list-world.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-fast-table-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

const BASES = ["dev", "prod", "a.b", "default", "x-y", "team_1", "profile"];
const SUFFIXES = ["", "", "", "-long-term", "-mfa", "-default", "-mfa-mfa", "-keys"];
const NAME = fc
  .tuple(fc.constantFrom(...BASES), fc.constantFrom(...SUFFIXES))
  .map(([b, s]) => b + s);
const SERIALS = [
  "arn:aws:iam::123456789012:mfa/alice",
  "arn:aws:iam::123456789012:mfa/bob",
  "arn:aws-cn:iam::123456789012:mfa/bob",
  "arn:aws:iam::123456789012:u2f/user/alice/key-1",
  "arn:aws:iam::123456789012:mfa/a b",
  "arn:aws:iam::12:mfa/short",
  "arn:aws:sts::123456789012:mfa/x",
  "arn:",
  "GAHT12345678",
  "not a serial",
];
const KEY_IDS = ["AKIAAAAAAAAAAAAAAAAA", "ASIABBBBBBBBBBBBBBBB", "AKIACCCCCCCCCCCCCCCC", "XYZ1"];

const PAIRS: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constant("region"), fc.constantFrom("eu-west-1", "us-east-1", "", "a=b:c")),
  fc.tuple(
    fc.constantFrom("mfa_serial", "mfa_serial", "aws_mfa_device", "aws_arn_mfa"),
    fc.constantFrom(...SERIALS),
  ),
  fc.tuple(fc.constant("aws_access_key_id"), fc.constantFrom(...KEY_IDS, "")),
  fc.tuple(fc.constant("aws_secret_access_key"), fc.constantFrom("secret", "")),
  fc.tuple(fc.constantFrom("aws_session_token", "aws_security_token"), fc.constantFrom("tok", "")),
  fc.tuple(
    fc.constant("expiration"),
    fc.constantFrom("2026-01-01T05:00:00Z", "2025-12-31T23:00:00Z", "2026-01-01 02:30:00", "soon"),
  ),
  fc.tuple(fc.constant("role_arn"), fc.constantFrom("arn:aws:iam::123456789012:role/admin", "bad")),
  fc.tuple(fc.constant("source_profile"), NAME),
  fc.tuple(fc.constant("awsmfa_long_term_profile"), NAME),
  fc.tuple(
    fc.constant("awsmfa_key_store"),
    fc.constantFrom("keychain", "pass", "credentials-file", "vault"),
  ),
  fc.tuple(fc.constant("awsmfa_key_id"), fc.constantFrom("AKIADDDDDDDDDDDDDDDD", "")),
  fc.tuple(fc.constant("credential_process"), fc.constantFrom("awsmfa credential-process x", "")),
  fc.tuple(fc.constantFrom("output", "sso_start_url", "region_x"), fc.constantFrom("json", "x")),
);

const KEY_LINE = fc
  .tuple(
    PAIRS,
    fc.constantFrom(" = ", "=", " =", "  :  ", ": ", " = ", " = "),
    fc.constantFrom("", "", "", "  "),
    fc.constantFrom("lower", "lower", "lower", "lower", "upper", "title"),
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

/** Lines that are no key, and (rarely) what the fast path must decline. */
const NOISE = fc.oneof(
  {
    weight: 60,
    arbitrary: fc.constantFrom("# a comment", "; another", "", "no key here", "[", "[]", "=x"),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("\tx = 1", "  indented = 1", "# caf\u00e9", "a\rb", "# \f"),
  },
);
const BODY = fc.array(
  fc.oneof({ weight: 5, arbitrary: KEY_LINE }, { weight: 1, arbitrary: NOISE }),
  {
    maxLength: 6,
  },
);

/** How a section's header is spelt in the config file (most often `[profile NAME]`). */
function configHeader(name: string, spelling: number): string {
  if (spelling === 0 || spelling > 5) return `[profile ${name}]`;
  if (spelling === 1) return name === "default" ? "[default]" : `[${name}]`;
  if (spelling === 2) return `[sso-session ${name}]`;
  if (spelling === 3) return `[profile ${name}] ; trailing`;
  if (spelling === 4) return `[profile "${name}"]`;
  return `[profile  ${name}]`;
}

const SECTION = fc.record({
  file: fc.constantFrom("config", "credentials", "credentials"),
  name: NAME,
  spelling: fc.nat(30),
  body: BODY,
});

/** A profile and its long-term partner, as people write them. */
const PAIR = fc
  .record({
    name: fc.constantFrom(...BASES),
    suffix: fc.constantFrom("-long-term", "-mfa", "-default"),
    serial: fc.constantFrom(SERIALS[0]!, SERIALS[1]!, SERIALS[8]!),
    serialIn: fc.constantFrom("config", "credentials"),
    keyId: fc.constantFrom("AKIAAAAAAAAAAAAAAAAA", "AKIAZZZZZZZZZZZZZZZZ"),
    extra: BODY,
  })
  .map(({ name, suffix, serial, serialIn, keyId, extra }) => [
    {
      file: "config",
      name,
      spelling: 0,
      body: [...(serialIn === "config" ? [`mfa_serial = ${serial}`] : []), ...extra],
    },
    {
      file: "credentials",
      name: name + suffix,
      spelling: 0,
      body: [
        `aws_access_key_id = ${keyId}`,
        "aws_secret_access_key = s",
        ...(serialIn === "credentials" ? [`mfa_serial = ${serial}`] : []),
      ],
    },
  ]);

const FILES = fc
  .record({
    sections: fc
      .array(
        fc.oneof(
          SECTION.map((one) => [one]),
          PAIR,
        ),
        { maxLength: 12 },
      )
      .map((groups) => groups.flat()),
    eol: fc.constantFrom("\n", "\n", "\r\n"),
    odd: fc.constantFrom(
      "none",
      "none",
      "none",
      "none",
      "none",
      "none",
      "DEFAULT",
      "BOM",
      "lone CR",
    ),
    end: fc.boolean(),
    cached: fc.array(fc.nat(5), { minLength: 40, maxLength: 40 }),
  })
  .map(({ sections, eol, odd, end, cached }) => {
    const config: string[] = [];
    const credentials: string[] = [];
    for (const { file, name, spelling, body } of sections) {
      const header = file === "config" ? configHeader(name, spelling) : `[${name}]`;
      (file === "config" ? config : credentials).push(header, ...body);
    }
    if (odd === "DEFAULT") config.push("[DEFAULT]", "region = r");
    const text = (lines: string[]) => {
      const joined = lines.join(eol) + (end ? eol : "");
      if (odd === "BOM") return `\uFEFF${joined}`;
      return odd === "lone CR" ? joined.replace("\n", "\r") : joined;
    };
    return { config: text(config), credentials: text(credentials), cached };
  });

/** The files written, and sessions cached where login would have put them. */
function world(files: ListFiles) {
  return listWorld(join(root, String(runs++)), files);
}

/** The fast table's output (taken: false when it declined), and the general list's. */
async function both(files: { config: string; credentials: string; cached: number[] }) {
  const { env, home } = await world(files);
  const fast = testDeps({ env, homedir: home });
  const texts = await readAwsTextsAndBytes(fast.deps);
  const taken = await writeFastTable(texts, texts.bytes, fast.deps);
  const general = testDeps({ env, homedir: home });
  const code = await generalList({ json: false }, general.deps);
  const command = testDeps({ env, homedir: home });
  await runList({ json: false }, command.deps);
  return {
    taken,
    fast: fast.stdout(),
    general: general.stdout(),
    generalCode: code,
    command: command.stdout() + command.stderr(),
    expected: general.stdout() + general.stderr(),
  };
}

test("the fast table prints what the general readers' list prints, or declines having printed nothing", async () => {
  let taken = 0;
  let all = 0;
  await fc.assert(
    fc.asyncProperty(FILES, async (files) => {
      const out = await both(files);
      all++;
      expect(out.generalCode).toBe(0);
      if (out.taken) {
        taken++;
        expect(out.fast).toBe(out.general);
      } else {
        expect(out.fast).toBe("");
      }
      // and runList, whichever way it went
      expect(out.command).toBe(out.expected);
    }),
    { numRuns: 300 },
  );
  // Most generated files (~53%) are ones it reads: it must not pass by declining everything.
  expect(taken).toBeGreaterThan(all * 0.4);
}, 120_000);

test("it declines what it must leave to the general readers", async () => {
  const declined = [
    ["[profile a]\n\tregion = x\n", ""],
    ["[profile a]\nregion = caf\u00e9\n", ""],
    ["[profile a]\nregion = x\r\n", "[b]\rx = 1\n"],
    ["[DEFAULT]\nregion = x\n[profile a]\n", ""],
    ["", "[DEFAULT]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\n"],
    ["[default]\nregion = a\n[profile default]\nregion = b\n", ""],
    ['[profile "a"]\nregion = x\n', ""],
    ["[profile  a]\n", ""],
    [" [profile a]\n", ""],
    ["\uFEFF[profile a]\n", ""],
    ["[profile a]\n  region = x\n", ""],
    ["", ""],
  ];
  for (const [config, credentials] of declined) {
    const out = await both({ config: config!, credentials: credentials!, cached: [5] });
    expect(out.taken).toBe(false);
    expect(out.fast).toBe("");
    expect(out.command).toBe(out.expected);
  }
});

test("files of the benchmark's shape, with sessions in the file and in the cache", async () => {
  // Thousands of profiles (ListedSessions reads the cache's devices first from 1,000 on),
  // names of varied length, a session written into the credentials file for some.
  const config: string[] = [];
  const credentials: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const name = i % 7 === 0 ? `team-${i}-${"x".repeat(i % 23)}` : `p${i}`;
    config.push(
      `# team ${i % 97}\r\n[profile ${name}]\r\nregion = ${i % 5 ? "eu-west-1" : "ap-southeast-2"}\r\n`,
      i % 11 ? `mfa_serial = arn:aws:iam::123456789012:mfa/${name}\r\n\r\n` : "\r\n",
    );
    credentials.push(
      `[${name}-long-term]\naws_access_key_id = AKIA${String(i).padStart(16, "0")}\naws_secret_access_key = s\n\n`,
    );
    if (i % 13 === 0) {
      credentials.push(
        `[${name}]\naws_access_key_id = ASIA${String(i).padStart(16, "0")}\naws_secret_access_key = s\naws_session_token = t\nexpiration = 2026-01-01T0${i % 2 ? 5 : 0}:00:00Z\n\n`,
      );
    }
  }
  const cached = Array.from({ length: 151 }, (_, i) => (i === 0 ? 1 : i === 75 ? 0 : 5));
  const out = await both({ config: config.join(""), credentials: credentials.join(""), cached });
  expect(out.taken).toBe(true);
  expect(out.fast).toBe(out.general);
  expect(out.fast).toContain("(cached)");
  expect(out.fast).toContain("left\n");
}, 60_000);
