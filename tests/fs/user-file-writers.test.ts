/**
 * Every writer of the user's AWS files (login, logout, configure, settings, the key stores'
 * credentials-file and config edits) keeps what DESIGN.md's "user's files are sacred" asks:
 * a symbolically linked file (a dotfiles repository) stays a link and its target is edited,
 * the file keeps its mode and its owner, a change another program made before the rename is
 * kept (the text is read again before the rename), and nothing is left beside either name.
 * Also: an edit with nothing to do on a missing file creates no empty file.
 */
import { describe, expect, test } from "bun:test";
import {
  appendFileSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { moveLongTermKeys, saveLongTermKeys } from "../../src/commands/configure/write-keys.ts";
import { readAwsFiles } from "../../src/config/aws-files.ts";
import { saveProfileSetting } from "../../src/config/save-setting.ts";
import type { Deps } from "../../src/deps.ts";
import { credentialsFileStore } from "../../src/keys/credentials-file.ts";
import { setPlacement, setRotating } from "../../src/keys/placement.ts";
import { removeSessionsFromFile } from "../../src/profiles/remove-session.ts";
import { writeSessionToFile } from "../../src/profiles/write-session.ts";
import { testDeps } from "../support/test-deps.ts";
import { isRoot, leftovers, modeOf, onWindows, scratchDir } from "./support/scratch.ts";

const LONG =
  "[prod-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s1\n";
const SESSION =
  "[prod]\nregion = eu-west-1\naws_access_key_id = ASIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s2\naws_session_token = t2\nexpiration = 2030-01-01T00:00:00Z\n";
const CONFIG = "# mine\n[profile prod]\nregion = eu-west-1\n";
/** What "another program" (aws configure set, an editor) adds while awsmfa writes. */
const OTHER = "[other]\nregion = z\n";

interface Writer {
  file: "credentials" | "config";
  before: string;
  write(deps: Deps, path: string): Promise<unknown>;
  /** What the writer's edit must have done to the text. */
  check(text: string): void;
}

const keys = { accessKeyId: "AKIABBBBBBBBBBBBBBBB", secretAccessKey: "s3" };

const writers: [string, Writer][] = [
  [
    "login (writeSessionToFile)",
    {
      file: "credentials",
      before: `${LONG}[prod]\nregion = eu-west-1\n`,
      write: async (deps) =>
        writeSessionToFile(
          await readAwsFiles(deps),
          "prod",
          {
            accessKeyId: "ASIACCCCCCCCCCCCCCCC",
            secretAccessKey: "s4",
            sessionToken: "t4",
            expiration: new Date("2031-01-01T00:00:00Z"),
          },
          deps,
        ),
      check: (text) => expect(text).toContain("aws_access_key_id = ASIACCCCCCCCCCCCCCCC"),
    },
  ],
  [
    "logout (removeSessionsFromFile)",
    {
      file: "credentials",
      before: `${LONG}${SESSION}`,
      write: (deps, path) =>
        removeSessionsFromFile(path, readFileSync(path, "utf8"), ["prod"], deps),
      check: (text) => {
        expect(text).toContain("[prod]\nregion = eu-west-1\n");
        expect(text).not.toContain("ASIA");
      },
    },
  ],
  [
    "configure (saveLongTermKeys)",
    {
      file: "credentials",
      before: LONG,
      write: (deps, path) => saveLongTermKeys(path, "new-long-term", keys, undefined, deps),
      check: (text) => expect(text).toContain("[new-long-term]\naws_access_key_id = AKIAB"),
    },
  ],
  [
    "configure (moveLongTermKeys)",
    {
      file: "credentials",
      before: LONG,
      write: (deps, path) => moveLongTermKeys(path, "prod-long-term", "moved", deps),
      check: (text) => {
        expect(text).toContain("[moved]\naws_access_key_id = AKIAA");
        expect(text).toContain("[prod-long-term]\n");
        expect(text.match(/AKIAA/g)).toHaveLength(1);
      },
    },
  ],
  [
    "keys: credentials-file store write",
    {
      file: "credentials",
      before: LONG,
      write: (deps) => credentialsFileStore.write("stored", keys, deps),
      check: (text) => expect(text).toContain("[stored]\naws_access_key_id = AKIAB"),
    },
  ],
  [
    "keys: credentials-file store remove",
    {
      file: "credentials",
      before: LONG,
      write: (deps) => credentialsFileStore.remove("prod-long-term", "AKIAAAAAAAAAAAAAAAAA", deps),
      check: (text) => expect(text).not.toContain("AKIAA"),
    },
  ],
  [
    "settings (saveProfileSetting)",
    {
      file: "config",
      before: CONFIG,
      write: (deps, path) => saveProfileSetting(deps, path, "config", "prod", { mfa_serial: "m" }),
      check: (text) =>
        expect(text).toContain("[profile prod]\nregion = eu-west-1\nmfa_serial = m\n"),
    },
  ],
  [
    "keys: setPlacement",
    {
      file: "config",
      before: CONFIG,
      write: async (deps) => setPlacement(await readAwsFiles(deps), "prod", "pass", keys, deps),
      check: (text) => expect(text).toContain("awsmfa_key_store = pass"),
    },
  ],
  [
    "keys: setRotating",
    {
      file: "config",
      before: CONFIG,
      write: (deps, path) => setRotating(path, "prod", "AKIABBBBBBBBBBBBBBBB", deps),
      check: (text) => expect(text).toContain("awsmfa_rotating_from = AKIAB"),
    },
  ],
];

/** A home whose ~/.aws/<file> links into a dotfiles folder; deps that point awsmfa there. */
function linkedHome(file: string) {
  const root = scratchDir("writers");
  const aws = join(root, "home", ".aws");
  const dotfiles = join(root, "dotfiles", "aws");
  mkdirSync(aws, { recursive: true });
  mkdirSync(dotfiles, { recursive: true });
  const path = join(aws, file);
  const target = join(dotfiles, file);
  symlinkSync(`../../dotfiles/aws/${file}`, path);
  const { deps } = testDeps({
    homedir: join(root, "home"),
    env: {},
    processes: { pid: process.pid, host: "here", isAlive: () => true },
  });
  return { aws, dotfiles, path, target, deps };
}

describe.skipIf(onWindows)("every writer of the user's files", () => {
  if (onWindows) console.log("skipped: symbolic links need privileges on Windows");

  test.each(writers)("%s: link kept, target edited, mode and owner kept", async (_l, w) => {
    const home = linkedHome(w.file);
    writeFileSync(home.target, w.before);
    await fs.chmod(home.target, 0o640);
    // Only root can give a file away; as root, the owner must come back (sudo, shared groups).
    if (isRoot) chownSync(home.target, 4242, 4343);
    await w.write(home.deps, home.path);
    expect(lstatSync(home.path).isSymbolicLink()).toBe(true);
    expect(readlinkSync(home.path)).toBe(`../../dotfiles/aws/${w.file}`);
    const text = readFileSync(home.target, "utf8");
    w.check(text);
    expect(modeOf(home.target)).toBe(0o640);
    if (isRoot)
      expect([statSync(home.target).uid, statSync(home.target).gid]).toEqual([4242, 4343]);
    expect(leftovers(home.aws, w.file)).toEqual([]);
    expect(leftovers(home.dotfiles, w.file)).toEqual([]);
  });

  test.each(writers)("%s: a change made before the rename is kept", async (_l, w) => {
    const home = linkedHome(w.file);
    writeFileSync(home.target, w.before);
    let changes = 0;
    const hooks = {
      afterTempWritten: () => {
        if (changes++ === 0) appendFileSync(home.path, OTHER);
      },
    };
    await w.write({ ...home.deps, hooks }, home.path);
    const text = readFileSync(home.target, "utf8");
    expect(changes).toBeGreaterThan(0);
    expect(text).toContain(OTHER);
    w.check(text);
    expect(lstatSync(home.path).isSymbolicLink()).toBe(true);
    expect(leftovers(home.dotfiles, w.file)).toEqual([]);
  });
});

describe("an edit with nothing to do leaves a missing file missing", () => {
  const missing: [string, (deps: Deps, path: string) => Promise<unknown>][] = [
    [
      "keys: setPlacement back to the credentials file, no config file",
      async (deps) =>
        setPlacement(await readAwsFiles(deps), "prod", "credentials-file", keys, deps),
    ],
    [
      "keys: setRotating cleared, no config file",
      (deps, path) => setRotating(path, "prod", undefined, deps),
    ],
    [
      "logout, no credentials file",
      (deps, path) => removeSessionsFromFile(path, SESSION, ["prod"], deps),
    ],
  ];
  test.each(missing)("%s", async (_l, write) => {
    const root = scratchDir("writers");
    const aws = join(root, ".aws");
    const { deps } = testDeps({ homedir: root, env: {} });
    const path = join(aws, _l.startsWith("logout") ? "credentials" : "config");
    await write(deps, path);
    expect(existsSync(path)).toBe(false);
  });
});
