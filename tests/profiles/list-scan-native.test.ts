/**
 * list-scan.ts's two readers of a file, the JavaScript loop (JS_SCANNER) and the C loop
 * (list-scan-native.ts, compiled by bun:ffi's TinyCC), give the same tables for the same
 * files: both decline, or both number the same names at the same places (with the same hashes
 * and the same answers to ListNames.find) and keep the same value places. On random files of
 * every kind of line list-scan.ts reads or declines (headers of each spelling, each wanted key
 * in any case with `=` or `:` and spaces, lines that are no key, comments, CRLF, odd
 * characters), and on files of many tiny sections, so that the C loop stops for more room
 * (names and places) and goes on where it stopped. And `list` through the C loop prints what
 * the general readers' list prints.
 *
 * The C loop is had on Linux x64 and arm64 (glibc): there this test requires it, and fails
 * if it cannot be compiled, rather than pass by comparing the JavaScript with itself.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { NATIVE_FROM, writeFastTable } from "../../src/commands/list/fast-table.ts";
import { readAwsTextsAndBytes } from "../../src/config/aws-files.ts";
import { Facts } from "../../src/profiles/list-facts.ts";
import {
  JS_SCANNER,
  type ListScanner,
  type ScannedKeys,
  scanListKeys,
} from "../../src/profiles/list-scan.ts";
import { nativeList } from "../../src/profiles/list-scan-native.ts";
import { KEYS } from "../../src/profiles/profile-keys.ts";
import { compileC } from "../../src/system/native-code.ts";
import { PADDED_UP_TO } from "../../src/ui/table.ts";
import { generalList } from "../commands/list/general-list.ts";
import { listWorld } from "../commands/list/list-world.ts";
import { testDeps } from "../support/test-deps.ts";

const supported =
  process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64");
const root = mkdtempSync(join(tmpdir(), "awsmfa-list-scan-native-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * The C loop. Where it is not had (not Linux x64/arm64: not this machine, not CI), what is
 * promised there is checked instead: nativeList is undefined, and the JavaScript loop
 * (returned then) reads every file.
 */
async function native(): Promise<ListScanner> {
  const scanner = (await nativeList(process.platform, process.arch, process.env))?.scanner;
  if (!supported) {
    expect(scanner).toBeUndefined();
    return JS_SCANNER;
  }
  if (scanner === undefined) throw new Error("the C scan could not be compiled on this machine");
  expect(scanner.suffixed).toBeDefined();
  return scanner;
}

function scanned(
  config: string,
  credentials: string,
  scanner: ListScanner,
): ScannedKeys | undefined {
  const bytes: [Buffer, Buffer] = [Buffer.from(config), Buffer.from(credentials)];
  return scanListKeys(
    { configText: config, credentialsText: credentials, paths: { config: "c", credentials: "k" } },
    bytes,
    scanner,
  );
}

/** Everything of the two answers that anything downstream reads, as plain arrays. */
function tables(keys: ScannedKeys | undefined) {
  if (keys === undefined) return undefined;
  const { names, size } = keys;
  const need = 2 * KEYS.length * size;
  const found = [];
  for (let i = 0; i < size; i++) {
    found.push(names.findName(names.name(i)));
  }
  return {
    size,
    file: [...names.file.subarray(0, size)],
    start: [...names.start.subarray(0, size)],
    end: [...names.end.subarray(0, size)],
    hashes: [...names.hashes.subarray(0, size)],
    found,
    absent: names.findName("no such profile"),
    config: [...keys.places[0].subarray(0, need)],
    credentials: [...keys.places[1].subarray(0, need)],
    lengths: [keys.places[0].length >= need, keys.places[1].length >= need],
    suffixed: new Facts(keys).suffixed.map((table) => [...table]),
  };
}

const NAME = fc.constantFrom(
  "dev",
  "prod",
  "a.b",
  "default",
  "x-y",
  "p1",
  "p1-long-term",
  "q",
  "dev-mfa",
  "dev-mfa-mfa",
  "prod-default",
  "q-long-term",
  "-mfa",
  "default-default",
);
const HEADER = fc.oneof(
  NAME.map((n) => `[profile ${n}]`),
  NAME.map((n) => `[${n}]`),
  fc.constantFrom(
    "[default]",
    "[profile default]",
    "[DEFAULT]",
    '[profile "a"]',
    "[profile  a]",
    "[profilex]",
    "[profile]",
    "[profile ]",
    "[",
    "[]",
    "[a] junk",
    "[a]b",
    "[sso-session s]",
    "[profile a\\b]",
    "[profile a'b]",
  ),
);
const KEY = fc
  .tuple(
    fc.constantFrom(...KEYS, "source_profile", "output", "region_x", "aws", "mfa", "regio"),
    fc.constantFrom("lower", "lower", "upper", "title"),
  )
  .map(([key, spelling]) =>
    spelling === "upper"
      ? key.toUpperCase()
      : spelling === "title"
        ? key[0]!.toUpperCase() + key.slice(1)
        : key,
  );
const PRINTABLE = fc
  .array(fc.integer({ min: 32, max: 126 }), { maxLength: 12 })
  .map((codes) => String.fromCharCode(...codes));
const KEY_LINE = fc
  .tuple(
    KEY,
    fc.constantFrom(" = ", "=", " =", "  :  ", ": ", " = ", ":", "  "),
    fc.oneof(PRINTABLE, fc.constantFrom("", "  ", "eu-west-1", "AKIAAAAAAAAAAAAAAAAA", "a=b:c")),
    fc.constantFrom("", "", "  "),
  )
  .map(([key, delimiter, value, trailing]) => `${key}${delimiter}${value}${trailing}`);
const LINE = fc.oneof(
  { weight: 60, arbitrary: KEY_LINE },
  { weight: 12, arbitrary: HEADER },
  { weight: 10, arbitrary: fc.constantFrom("", "# comment", "; c", "no key", "=x", ":x", "  x") },
  { weight: 4, arbitrary: PRINTABLE },
  {
    weight: 1,
    arbitrary: fc.constantFrom("\tx = 1", "# caf\u00e9", "a\rb", "# \f", "x\x7f", "\x1b[1m"),
  },
);
const TEXT = fc
  .tuple(
    fc.array(LINE, { maxLength: 40 }),
    fc.constantFrom("\n", "\n", "\r\n"),
    fc.boolean(),
    fc.constantFrom("", "", "", "", "", "", " ", "\uFEFF"),
  )
  .map(([lines, eol, end, start]) => start + lines.join(eol) + (end ? eol : ""));

/**
 * The table the fast path writes for this HOME (writeFastTable, taking the C loop from
 * `nativeFrom` bytes), after checking that it is the general list's byte for byte.
 */
async function fastTableAsGeneral(
  env: Record<string, string | undefined>,
  home: string,
  nativeFrom?: number,
): Promise<string> {
  const fast = testDeps({ env, homedir: home });
  const texts = await readAwsTextsAndBytes(fast.deps);
  expect(await writeFastTable(texts, texts.bytes, fast.deps, nativeFrom)).toBe(true);
  const general = testDeps({ env, homedir: home });
  await generalList({ json: false }, general.deps);
  expect(fast.stdout()).toBe(general.stdout());
  return fast.stdout();
}

test("the C loop gives the JavaScript loop's tables on random files", async () => {
  const c = await native();
  let taken = 0;
  let all = 0;
  fc.assert(
    fc.property(TEXT, TEXT, (config, credentials) => {
      all++;
      const expected = tables(scanned(config, credentials, JS_SCANNER));
      if (expected !== undefined) taken++;
      expect(tables(scanned(config, credentials, c))).toEqual(expected);
    }),
    { numRuns: 3000 },
  );
  // It must not pass by both declining everything (~40% are taken)
  expect(taken).toBeGreaterThan(all * 0.3);
}, 120_000);

/** scanned() for files given as bytes, their texts decoded as readAwsTextsAndBytes does. */
function scannedBytes(config: Buffer, credentials: Buffer, scanner: ListScanner) {
  return scanListKeys(
    {
      configText: config.toString("utf8"),
      credentialsText: credentials.toString("utf8"),
      paths: { config: "c", credentials: "k" },
    },
    [config, credentials],
    scanner,
  );
}

/**
 * The C loop reads the bytes alone (no text is decoded: list_controls and list_scan check
 * what mayBePlain and plainGiven check of the text). One byte put anywhere in lines longer
 * than the 8-byte words and the 31-word runs list_controls counts in: a control character,
 * DEL, a byte that is not ASCII (UTF-8 or not), a lone CR, NUL; or a space after a line
 * break. Each file is read as the JavaScript reads its text: declined, or the same tables.
 */
test("the C loop declines a file with one odd byte anywhere, as the JavaScript does", async () => {
  const c = await native();
  const value = "x".repeat(300);
  const config = Buffer.from(
    `[profile a]\r\nregion = ${value}\r\n\r\n[profile b]\nmfa_serial = ${value}\n`,
  );
  const credentials = Buffer.from(`[a]\naws_access_key_id = ${value}\n[DEFAULTS]\nx=${value}`);
  const plain = tables(scannedBytes(config, credentials, c));
  expect(plain).toBeDefined();
  expect(plain).toEqual(tables(scannedBytes(config, credentials, JS_SCANNER)));
  let declined = 0;
  for (const b of [config, credentials]) {
    for (let at = 0; at < b.length; at++) {
      for (const odd of [0, 9, 11, 13, 27, 31, 127, 128, 0xc3, 0xff, 32, 126, 61]) {
        const changed = Buffer.from(b);
        changed[at] = odd;
        const [one, other] = b === config ? [changed, credentials] : [config, changed];
        const got = tables(scannedBytes(one, other, c));
        if (got === undefined) declined++;
        expect(got).toEqual(tables(scannedBytes(one, other, JS_SCANNER)));
      }
    }
  }
  // Every control, DEL and non-ASCII byte put anywhere is declined (and some others)
  expect(declined).toBeGreaterThan((config.length + credentials.length) * 9);
  // A valid UTF-8 character, and an indented line after LF and after CRLF
  for (const [one, other] of [
    [Buffer.from("[profile a]\n# caf\u00e9\n"), credentials],
    [Buffer.from("[profile a]\n region = r\n"), credentials],
    [config, Buffer.from("[a]\r\n x = 1\r\n")],
    [Buffer.from(" [profile a]\n"), credentials],
  ] as const) {
    expect(scannedBytes(one, other, c)).toBeUndefined();
    expect(scannedBytes(one, other, JS_SCANNER)).toBeUndefined();
  }
}, 120_000);

test("the C loop grows the tables as the JavaScript loop does", async () => {
  const c = await native();
  // Thousands of sections of a few bytes: far more names than the first guess (a section per
  // ~96 characters) has room for, in either file, and names met again in the other file.
  for (const [count, step] of [
    [3000, 1],
    [20_000, 3],
    [70_000, 7],
  ] as const) {
    const config: string[] = [];
    const credentials: string[] = [];
    for (let i = 0; i < count; i++) {
      config.push(i % 5 === 0 ? `[profile n${i}]\nregion=r${i}` : `[profile n${i}]`);
      const partner = `n${(i * step) % (count * 2)}${["", "-mfa", "-long-term"][i % 3]}`;
      credentials.push(`[${partner}]`, i % 3 === 0 ? "mfa_serial=x" : "");
    }
    const configText = `${config.join("\n")}\n`;
    const credentialsText = `${credentials.join("\n")}\n`;
    const expected = tables(scanned(configText, credentialsText, JS_SCANNER));
    expect(expected).toBeDefined();
    expect(tables(scanned(configText, credentialsText, c))).toEqual(expected);
  }
}, 120_000);

test("compileC is undefined where the C loop is not had, and nothing else is tried", async () => {
  for (const [platform, arch] of [
    ["darwin", "arm64"],
    ["win32", "x64"],
    ["linux", "ia32"],
  ]) {
    expect(
      await compileC(platform!, arch!, "int f(void) { return 1; }", {}, process.env),
    ).toBeUndefined();
  }
});

/**
 * This runtime as a command: under qemu-user (.ci/stages/71-arm64-list-native.sh runs this file
 * with the arm64 binary as bun), the host cannot start an arm64 program by itself: TEST_QEMU
 * names qemu, as in tests/system/libc-files.test.ts.
 */
const RUNTIME = process.env.TEST_QEMU
  ? [process.env.TEST_QEMU, process.execPath]
  : [process.execPath];

/** `body` run in a child of this runtime with compileC imported; its output, as texts. */
function withCompileC(body: string): { stdout: string; stderr: string } {
  const source = JSON.stringify(join(import.meta.dir, "../../src/system/native-code.ts"));
  const child = Bun.spawnSync(
    [...RUNTIME, "-e", `const { compileC } = await import(${source});\n${body}`],
    { stdout: "pipe", stderr: "pipe" },
  );
  return { stdout: child.stdout.toString(), stderr: child.stderr.toString() };
}

test("a compile error gives undefined, and nothing on stderr", async () => {
  if (!supported) return; // compileC is undefined there (the test above)
  const child = withCompileC(
    `const bad = await compileC(process.platform, process.arch, "int f( { nonsense", { f: { args: [], returns: "i32" } }, process.env);
     const good = await compileC(process.platform, process.arch, "int f(void) { return 41 + 1; }", { f: { args: [], returns: "i32" } }, process.env);
     process.stdout.write(String(bad) + " " + good.library.symbols.f());`,
  );
  expect(child.stdout).toBe("undefined 42");
  expect(child.stderr).toBe("");
});

/**
 * cc builds a JavaScript entry per symbol with a TinyCC compile of its own (~1.1 ms of CPU
 * each), so compileC asks cc for one function and links the others by the addresses it
 * writes (docs/performance.md measures the cost; no timing here). What must hold: each of
 * eight symbols is its own function, in every compile, and one asked alone is still itself.
 */
test("compileC links every symbol to its own function", async () => {
  if (!supported) return; // compileC is undefined there (the test above)
  const child = withCompileC(
    `const source = Array.from({ length: 8 }, (_, i) => "int f" + i + "(int a, int b) { return a * " + i + " + b; }").join("\\n");
       const symbols = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => ["f" + i, { args: ["i32", "i32"], returns: "i32" }]));
       const answers = [];
       for (let r = 0; r < 3; r++) {
         const c = await compileC(process.platform, process.arch, source, symbols(8), process.env);
         for (let i = 0; i < 8; i++) answers.push(c.library.symbols["f" + i](10, i));
       }
       const one = await compileC(process.platform, process.arch, source, symbols(1), process.env);
       answers.push(one.library.symbols.f0(10, 5));
       process.stdout.write(JSON.stringify({ answers }));`,
  );
  expect(child.stderr).toBe("");
  const { answers } = JSON.parse(child.stdout);
  expect(answers).toEqual([
    ...[0, 1, 2].flatMap(() => [0, 1, 2, 3, 4, 5, 6, 7].map((i) => 10 * i + i)),
    5,
  ]);
});

/**
 * The C loops read a profile's row of places only in a file that names it (list-rows-c.ts
 * KROW, CROW): the config file's profiles are numbered first, and the credentials file's are
 * noted as its scan meets them, in a table that grows with the names. Here the credentials
 * file holds far more sections than its size suggests (the names' tables grow during its
 * scan), some naming config profiles again (their keys in the credentials file), and the
 * table must be the general list's.
 */
test("the C loops read the rows of a profile named in both files, across the names' growth", async () => {
  await native();
  const config: string[] = [];
  const credentials: string[] = [];
  for (let i = 0; i < 400; i++) {
    config.push(`[profile n${i}]\nregion=r${i % 7}\n`);
    if (i % 3 === 0) config.push(`mfa_serial=arn:aws:iam::123456789012:mfa/n${i}\n`);
  }
  for (let i = 0; i < 30_000; i++) {
    credentials.push(i % 50 === 0 ? `[n${(i / 50) % 400}]\nregion=k${i}\n` : `[m${i}]\n`);
    if (i % 97 === 0)
      credentials.push(
        `[n${i % 400}-long-term]\naws_access_key_id=AKIA${i}\naws_secret_access_key=s\n`,
      );
  }
  const files = { config: config.join(""), credentials: credentials.join(""), cached: [5, 5, 1] };
  const { env, home } = await listWorld(join(root, "both-files"), files);
  const out = await fastTableAsGeneral(env, home, 0);
  // the credentials file's region wins for the profiles both files name
  expect(out).toMatch(/^n1 .* k20050 /m);
}, 60_000);

test("list through the C loop prints what the general readers print", async () => {
  await native();
  // Past NATIVE_FROM, so that writeFastTable takes the C loop: the benchmark's shape, with
  // names of varied length, sessions in the credentials file, upper-case keys and `:`.
  const config: string[] = [];
  const credentials: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const name = i % 7 === 0 ? `team-${i}-${"x".repeat(i % 23)}` : `p${i}`;
    config.push(
      `# team ${i % 97}\n[profile ${name}]\n${i % 9 ? "region" : "REGION"} = ${i % 5 ? "eu-west-1" : "ap-southeast-2"}\n`,
      i % 11 ? `mfa_serial : arn:aws:iam::123456789012:mfa/${name}\n\n` : "\n",
    );
    credentials.push(
      `[${name}-long-term]\naws_access_key_id = AKIA${String(i).padStart(16, "0")}\naws_secret_access_key = s\n\n`,
    );
    if (i % 13 === 0) {
      credentials.push(
        `[${name}]\naws_access_key_id = ASIA${String(i).padStart(16, "0")}\naws_secret_access_key = s\naws_session_token = t\nexpiration = 2026-01-01T05:00:00Z\n\n`,
      );
    }
  }
  const files = { config: config.join(""), credentials: credentials.join(""), cached: [5] };
  expect(files.config.length + files.credentials.length).toBeGreaterThanOrEqual(NATIVE_FROM);
  const { env, home } = await listWorld(join(root, "large"), files);
  const out = await fastTableAsGeneral(env, home);
  expect(out.split("\n").length).toBeGreaterThan(6000);
}, 60_000);

test("list through the C loop: cells past PADDED_UP_TO pad no other row", async () => {
  await native();
  // Past NATIVE_FROM; now and then a name, device or region longer than the cap (up to more
  // than a piece of output, which the C loop leaves to the JavaScript to make room for),
  // landing anywhere in the pieces.
  const config: string[] = [];
  const credentials: string[] = [];
  const lengths = [PADDED_UP_TO - 1, PADDED_UP_TO, PADDED_UP_TO + 1, 1000, 80_000];
  for (let i = 0; i < 6000; i++) {
    const n = i % 41 === 0 ? lengths[(i / 41) % lengths.length]! : 0;
    const column = Math.floor(i / 41) % 3;
    const name = column === 0 && n > 0 ? `n${i}-`.padEnd(n, "n") : `p${i}`;
    const device = column === 1 && n > 0 ? `d${i}-`.padEnd(n, "d") : name;
    const region = column === 2 && n > 0 ? `r${i}-`.padEnd(n, "r") : "eu-west-1";
    config.push(
      `[profile ${name}]\nregion = ${region}\nmfa_serial = arn:aws:iam::123456789012:mfa/${device}\n`,
    );
    credentials.push(
      `[${name}-long-term]\naws_access_key_id = AKIA${String(i).padStart(16, "0")}\naws_secret_access_key = s\n`,
    );
  }
  const files = { config: config.join(""), credentials: credentials.join(""), cached: [5] };
  const { env, home } = await listWorld(join(root, "long-cells"), files);
  const out = await fastTableAsGeneral(env, home);
  // Every row whose name fits has its KIND where the header has it
  const lines = out.trimEnd().split("\n");
  const kindAt = lines[0]!.indexOf("KIND");
  expect(kindAt).toBe(PADDED_UP_TO + 2);
  for (const line of lines.slice(1)) {
    if (line.indexOf(" ") <= PADDED_UP_TO) expect(line.slice(kindAt - 2, kindAt)).toBe("  ");
  }
}, 60_000);
