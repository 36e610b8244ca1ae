/**
 * sessionDevices (profiles/session-devices.ts), which `list` reads the cache folder's devices
 * with: the texts it keeps are those readOwnFile reads, and every device the old way finds (readOwnFile, then JSON.parse's `serial`) is among its
 * answers, on files awsmfa wrote and on files it must treat as no session (corrupt, another
 * user's to write, a link, a FIFO, a folder, too large); a device too many is allowed (it only
 * costs a file name worked out), a device missed is not. serialOf against JSON.parse on
 * generated JSON. And readsAhead: a limit that grows with the profiles, not a fixed one.
 */
import { afterAll, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { currentUser } from "../../src/fs/owner.ts";
import { readOwnFile } from "../../src/fs/read-regular.ts";
import { readsAhead } from "../../src/profiles/listed-sessions.ts";
import { serialOf, sessionDevices } from "../../src/profiles/session-devices.ts";
import { sessionCacheDir } from "../../src/session/cache.ts";
import { writeCachedSession } from "../../src/session/cache-write.ts";
import { TEST_NOW, testDeps } from "../support/test-deps.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-session-devices-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SESSION = {
  accessKeyId: "ASIACACHEDCACHEDCACH",
  secretAccessKey: "s",
  sessionToken: "t",
  expiration: new Date(TEST_NOW + 3_600_000),
};

/** What `list` read before: readOwnFile, then JSON.parse's serial when it is a string. */
async function oldDevices(deps: ReturnType<typeof testDeps>["deps"], names: string[]) {
  const devices = new Set<string>();
  const texts = new Map<string, string>();
  for (const name of names) {
    try {
      const text = await readOwnFile(deps.fs, join(sessionCacheDir(deps), name), currentUser(deps));
      texts.set(name, text);
      const data = JSON.parse(text);
      if (typeof data?.serial === "string") devices.add(data.serial);
    } catch {}
  }
  return { devices, texts };
}

test("the devices of the files awsmfa wrote, and none of the files it must not trust", async () => {
  const home = join(root, "odd");
  const { deps } = testDeps({ env: { AWSMFA_CACHE_DIR: join(home, "cache") }, homedir: home });
  const serials = [
    "arn:aws:iam::123456789012:mfa/alice",
    "arn:aws:iam::123456789012:u2f/user/bob/key-1",
    'arn:aws:iam::1:mfa/"quoted"\\back',
    "arn:aws:iam::1:mfa/caf\u00e9",
    "GAHT12345678",
  ];
  for (const [i, serial] of serials.entries()) {
    await writeCachedSession(deps, { longTermKeyId: `AKIA${"A".repeat(15)}${i}`, serial }, SESSION);
  }
  const folder = sessionCacheDir(deps);
  const odd: [string, string][] = [
    ["corrupt.json", '{"serial": "arn:aws:iam::1:mfa/corrupt", '],
    ["number.json", '{"serial": 5}'],
    ["nested.json", '{"x": {"serial": "arn:aws:iam::1:mfa/nested"}}'],
    ["twice.json", '{"serial": "arn:aws:iam::1:mfa/first", "serial": "arn:aws:iam::1:mfa/last"}'],
    ["escaped.json", '{"ser\\u0069al": "arn:aws:iam::1:mfa/escaped"}'],
    ["value.json", '{"a": "serial", "serial": "arn:aws:iam::1:mfa/value"}'],
    ["spaced.json", '{ "serial"\n\t:  "arn:aws:iam::1:mfa/spaced" }'],
    ["array.json", '["serial", "arn:aws:iam::1:mfa/array"]'],
    ["empty.json", ""],
  ];
  for (const [name, text] of odd) writeFileSync(join(folder, name), text, { mode: 0o600 });
  writeFileSync(join(folder, "shared.json"), '{"serial": "arn:aws:iam::1:mfa/shared"}');
  chmodSync(join(folder, "shared.json"), 0o666); // others may write it: not trusted
  writeFileSync(join(root, "elsewhere.json"), '{"serial": "arn:aws:iam::1:mfa/linked"}');
  symlinkSync(join(root, "elsewhere.json"), join(folder, "link.json"));
  mkdirSync(join(folder, "folder.json"));
  Bun.spawnSync(["mkfifo", "-m", "600", join(folder, "fifo.json")]);
  writeFileSync(
    join(folder, "large.json"),
    `{"serial": "arn:aws:iam::1:mfa/large", "pad": "${"x".repeat(1024 * 1024)}"}`,
    { mode: 0o600 },
  );
  const names = [...(await deps.fs.readdir(folder)), "gone.json"];
  const { devices, texts } = await sessionDevices(deps, names);
  const { devices: old, texts: oldTexts } = await oldDevices(deps, names);
  // The texts kept are those readOwnFile reads (ListedSessions answers from them)
  expect(texts).toEqual(oldTexts);
  for (const device of old) expect(devices.has(device)).toBe(true);
  expect([...old].sort()).toEqual(
    [
      ...serials,
      "arn:aws:iam::1:mfa/last",
      "arn:aws:iam::1:mfa/escaped",
      "arn:aws:iam::1:mfa/value",
      "arn:aws:iam::1:mfa/spaced",
    ].sort(),
  );
  // A device too many only where the text is no session's anyway
  const extra = [...devices].filter((device) => !old.has(device)).sort();
  expect(extra).toEqual(["arn:aws:iam::1:mfa/corrupt", "arn:aws:iam::1:mfa/nested"]);
});

test("serialOf finds JSON.parse's serial wherever that is a string", () => {
  const value = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.constant(null),
    fc.constantFrom("serial", '"serial"', "\\", 'a"b'),
  );
  const record = fc.dictionary(fc.constantFrom("serial", "format", "x", "y"), value);
  const shape = fc.record({
    indent: fc.constantFrom(0, 2, "\t"),
    nest: fc.boolean(),
    // a key that JSON.parse reads as "serial", spelt with an escape
    escaped: fc.boolean(),
  });
  fc.assert(
    fc.property(record, shape, (data, { indent, nest, escaped }) => {
      let text = JSON.stringify(nest ? { outer: data, ...data } : data, null, indent);
      if (escaped) text = text.replace('"x":', '"ser\\u0069al":');
      const serial = JSON.parse(text).serial;
      if (typeof serial === "string") expect(serialOf(text)).toBe(serial);
      // (otherwise it may name a device: one too many costs a name worked out)
    }),
    { numRuns: 2000 },
  );
});

test("readsAhead: the files are read while they are few against the profiles, at any count", () => {
  expect(readsAhead(99, 1)).toBe(false); // few profiles: every name is cheaper
  expect(readsAhead(100, 1)).toBe(true);
  expect(readsAhead(100, 40)).toBe(true);
  expect(readsAhead(100, 41)).toBe(false);
  expect(readsAhead(999, 1)).toBe(true); // no step at 1,000 profiles either
  expect(readsAhead(1000, 1)).toBe(true);
  expect(readsAhead(100_000, 64)).toBe(true);
  expect(readsAhead(100_000, 65)).toBe(true); // no step at 64 files
  expect(readsAhead(100_000, 1000)).toBe(true);
  expect(readsAhead(100_000, 5000)).toBe(true);
  expect(readsAhead(100_000, 50_000)).toBe(false); // as many files as names: the names
  expect(readsAhead(1004, 400)).toBe(true); // a few hundred where the code runs cold
  expect(readsAhead(1004, 401)).toBe(false);
  expect(readsAhead(1000, 400)).toBe(true);
  expect(readsAhead(1000, 1000)).toBe(false);
});
