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
import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { writeFastTable } from "../../../src/commands/list/fast-table.ts";
import { runList } from "../../../src/commands/list/run.ts";
import { readAwsTextsAndBytes } from "../../../src/config/aws-files.ts";
import type { Deps } from "../../../src/deps.ts";
import { readsAhead } from "../../../src/profiles/listed-sessions.ts";
import { sessionCacheDir, sessionCacheName } from "../../../src/session/cache.ts";
import { writeCachedSession } from "../../../src/session/cache-write.ts";
import { TEST_NOW, testDeps } from "../../support/test-deps.ts";
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
    // Mostly AKIA (list-rows.ts answers those in its loop); a session's id, one that is
    // neither, and a token beside them are Facts' to answer
    keyId: fc.constantFrom(
      "AKIAAAAAAAAAAAAAAAAA",
      "AKIAZZZZZZZZZZZZZZZZ",
      "ASIABBBBBBBBBBBBBBBB",
      "XYZ1",
    ),
    token: fc.boolean(),
    extra: BODY,
  })
  .map(({ name, suffix, serial, serialIn, keyId, token, extra }) => [
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
        ...(token ? ["aws_session_token = t"] : []),
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

/**
 * The fast table's output (taken: false when it declined), and the general list's. `native`:
 * the fast table through the C loops (profiles/list-scan-native.ts) whatever the files' size.
 */
async function both(
  files: { config: string; credentials: string; cached: number[] },
  native = false,
  /** More in the cache folder, after the world's sessions were written. */
  more?: (deps: Deps) => Promise<void>,
) {
  const { env, home } = await world(files);
  await more?.(testDeps({ env, homedir: home }).deps);
  const fast = testDeps({ env, homedir: home });
  const texts = await readAwsTextsAndBytes(fast.deps);
  const taken = await writeFastTable(
    texts,
    texts.bytes,
    fast.deps,
    native ? 0 : Number.POSITIVE_INFINITY,
  );
  const general = testDeps({ env, homedir: home });
  const code = await generalList({ json: false }, general.deps);
  const command = testDeps({ env, homedir: home });
  await runList({ json: false }, command.deps);
  const generalJson = testDeps({ env, homedir: home });
  await generalList({ json: true }, generalJson.deps);
  const commandJson = testDeps({ env, homedir: home });
  await runList({ json: true }, commandJson.deps);
  return {
    json: commandJson.stdout() + commandJson.stderr(),
    expectedJson: generalJson.stdout() + generalJson.stderr(),
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

test("through the C loops (Linux x64/arm64), the fast table prints what the general readers' list prints", async () => {
  // Where they are not had, writeFastTable reads the files by the JavaScript loop: this test
  // is then the one above again (tests/profiles/list-scan-native.test.ts checks they are had
  // here and on CI).
  let taken = 0;
  let all = 0;
  await fc.assert(
    fc.asyncProperty(FILES, async (files) => {
      const out = await both(files, true);
      all++;
      if (out.taken) {
        taken++;
        expect(out.fast).toBe(out.general);
      } else {
        expect(out.fast).toBe("");
      }
    }),
    { numRuns: 200 },
  );
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
  // Thousands of profiles (ListedSessions reads the cache's devices first from 100 profiles on),
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

test("many cached sessions, read ahead for their devices or not, through both table paths", async () => {
  // 6,000 profiles of the benchmark's shape, a session cached for every 40th, and besides
  // them sessions of old keys and other devices (a few, a few hundred, or more than
  // ListedSessions reads ahead at this size), one of another device under a profile's file name, one that others
  // may write, one corrupt: each treated as the general readers' findSession treats it.
  const config: string[] = [];
  const credentials: string[] = [];
  const key = (i: number) => `AKIA${String(i).padStart(16, "0")}`;
  const serial = (i: number) => `arn:aws:iam::123456789012:mfa/p${i}`;
  for (let i = 0; i < 3000; i++) {
    config.push(`[profile p${i}]\nregion = eu-west-1\nmfa_serial = ${serial(i)}\n\n`);
    credentials.push(
      `[p${i}-long-term]\naws_access_key_id = ${key(i)}\naws_secret_access_key = s\n\n`,
    );
  }
  const cached = Array.from({ length: 40 }, (_, i) => (i === 0 ? 1 : i === 20 ? 0 : 5));
  const session = (hours: number) => ({
    accessKeyId: "ASIAOTHEROTHEROTHERO",
    secretAccessKey: "s",
    sessionToken: "t",
    expiration: new Date(TEST_NOW + hours * 3_600_000),
  });
  const readAhead: boolean[] = [];
  for (const others of [10, 300, 900]) {
    const more = async (deps: Deps) => {
      for (let k = 0; k < others; k++) {
        // old keys of the profiles' own devices, and keys of devices no profile names
        const device = k % 2 ? serial((k * 7) % 3000) : `arn:aws:iam::123456789012:mfa/old-${k}`;
        await writeCachedSession(
          deps,
          { longTermKeyId: `AKIAOLD${k}`, serial: device },
          session(2),
        );
      }
      const folder = sessionCacheDir(deps);
      const nameOf = (i: number) =>
        join(folder, sessionCacheName({ longTermKeyId: key(i), serial: serial(i) }));
      // p3's file holds a session of another device; p5's others may write; p7's is corrupt
      await writeCachedSession(
        deps,
        { longTermKeyId: key(3), serial: "arn:aws:iam::1:mfa/x" },
        session(3),
      );
      renameSync(
        join(folder, sessionCacheName({ longTermKeyId: key(3), serial: "arn:aws:iam::1:mfa/x" })),
        nameOf(3),
      );
      await writeCachedSession(deps, { longTermKeyId: key(5), serial: serial(5) }, session(3));
      chmodSync(nameOf(5), 0o666);
      writeFileSync(nameOf(7), `{"serial": "${serial(7)}", "accessKeyId": `, { mode: 0o600 });
      readAhead.push(readsAhead(6000, (await deps.fs.readdir(folder)).length));
    };
    const files = { config: config.join(""), credentials: credentials.join(""), cached };
    for (const native of [false, true]) {
      const out = await both(files, native, more);
      expect(out.taken).toBe(true);
      expect(out.fast).toBe(out.general);
      expect(out.command).toBe(out.expected);
      expect(out.json).toBe(out.expectedJson);
      expect(out.fast).toContain("(cached)");
      expect(out.fast).toContain("p3 ");
    }
  }
  // Both ways of finding them were taken: the devices read first, and every name worked out
  expect(readAhead).toContain(true);
  expect(readAhead).toContain(false);
}, 120_000);

// The review of 6 Dec: edge files against the general readers, byte for byte (all held):
// values and names past the 64 KiB piece, 3,000 repeated sections, 5,000 profiles, no final
// newline, a key repeated, upper-case keys, CRLF, a full FNV-1a collision (p0129599/p0732382).
test("edge files: what it takes prints what the general readers print", async () => {
  const big = "x".repeat(70_000);
  const names = Array.from({ length: 3000 }, (_, i) => `[profile dup]\nregion = r${i}\n`).join("");
  const many = Array.from(
    { length: 5000 },
    (_, i) => `[profile p${i}]\nmfa_serial = arn:aws:iam::123456789012:mfa/u${i}\n`,
  ).join("");
  const cases: [string, string, string][] = [
    ["long value", `[profile a]\nregion = ${big}\n`, ""],
    ["long name", `[profile ${big}]\nregion = x\n`, ""],
    [
      "long names across pieces",
      Array.from(
        { length: 5 },
        (_, i) => `[profile ${String(i).repeat(30000)}]\nregion = x\n`,
      ).join(""),
      "",
    ],
    ["dups", names, ""],
    ["many", many, ""],
    [
      "no newline",
      "[profile a]\nregion = x",
      "[a]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s",
    ],
    ["only comments", "# c\n; d\n", "#x\n"],
    [
      "repeat key",
      "[profile a]\nregion = x\nregion = y\nmfa_serial = arn:aws:iam::1:mfa/a\nmfa_serial = \n",
      "",
    ],
    [
      "upper keys",
      "[profile a]\nREGION = x\nMFA_SERIAL = arn:aws:iam::1:mfa/a\nRole_Arn = arn:aws:iam::1:role/r\nSource_Profile = b\n",
      "[b]\nAWS_ACCESS_KEY_ID = AKIAAAAAAAAAAAAAAAAA\nAws_Secret_Access_Key = s\n",
    ],
    ["empty value", "[profile a]\nregion =\nmfa_serial=\n", ""],
    [
      "crlf",
      "[profile a]\r\nregion = x\r\n",
      "[a]\r\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\r\n",
    ],
    ["no equals", "[profile a]\nregion\nfoo\n", ""],
    ["section junk", "[profile a] # c\nregion = x\n[profile b]junk\n", ""],
    ["empty section", "[]\n[profile ]\n[profile a]\n", ""],
    ["colon", "[profile a]\nregion: x\n", ""],
    ["default", "[default]\nregion = x\n", "[default]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\n"],
    [
      "cred only long-term suffix",
      "[profile prod]\nmfa_serial = arn:aws:iam::1:mfa/a\n",
      "[prod-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n[prod]\naws_access_key_id = ASIAAAAAAAAAAAAAAAAA\naws_session_token = t\nexpiration = 2030-01-01T00:00:00Z\n",
    ],
    ["sub-section", "[profile a]\ns3 =\n  region = x\nregion = y\n", ""],
    ["sso", "[profile a]\nsso_session = s\n[sso-session s]\nregion = x\n[services s]\n", ""],
    [
      "collide",
      Array.from(
        { length: 2000 },
        (_, i) =>
          `[profile ${"Aa".repeat(i % 7)}${"BB".repeat(7 - (i % 7))}${i}]\nsource_profile = ${"BB".repeat(7)}0\nrole_arn = arn:aws:iam::1:role/r\n`,
      ).join(""),
      "",
    ],
    [
      "fnv collision",
      "[profile p0129599]\nmfa_serial = arn:aws:iam::1:mfa/a\n[profile p0732382]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = p0129599\n",
      "[p0732382]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\n[p0129599-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAB\n",
    ],
    [
      "fnv collision 2",
      "[profile p0732382]\nregion = x\n",
      "[p0129599]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\n[p0732382]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAB\n",
    ],
    ["tabs in value", "[profile a]\nregion = x\ty\n", ""],
    [
      "partner is profile 0",
      "[profile dev-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\nregion = r0\n[profile x]\nmfa_serial = arn:aws:iam::123456789012:mfa/x\n[profile dev]\nmfa_serial = arn:aws:iam::123456789012:mfa/a\n",
      "",
    ],
    ["trailing spaces", "[profile a]   \nregion = x   \n[profile b]\n", ""],
    // Cells just below, at and past PADDED_UP_TO (ui/table.ts): past it they pad no row
    ...[63, 64, 65, 200, 70_000].map((n): [string, string, string] => [
      `cells of ${n}`,
      `[profile ${"n".repeat(n)}]\nregion = ${"r".repeat(n)}\nmfa_serial = arn:aws:iam::1:mfa/${"d".repeat(n)}\n[profile b]\nregion = x\nmfa_serial = arn:aws:iam::1:mfa/b\n[profile ${"c".repeat(n)}]\n`,
      `[b-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n[${"n".repeat(n)}-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAB\naws_secret_access_key = s\n`,
    ]),
  ];
  // Each by the JavaScript loop and by the C loops (list-scan-native.ts)
  for (const [what, config, credentials, native] of cases.flatMap((c) => [
    [...c, false] as const,
    [...c, true] as const,
  ])) {
    const out = await both({ config, credentials, cached: [5] }, native);
    expect([what, out.command]).toEqual([what, out.expected]);
    expect([what, out.json]).toEqual([what, out.expectedJson]);
    expect([what, out.fast]).toEqual([what, out.taken ? out.general : ""]);
    if (!["only comments", "empty section", "sub-section", "tabs in value"].includes(what)) {
      expect([what, out.taken]).toEqual([what, true]);
    }
  }
}, 120_000);
