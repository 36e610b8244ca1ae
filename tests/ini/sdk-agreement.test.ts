/**
 * profilesOf / sectionsOf against the AWS SDK for JavaScript's own reader
 * (@smithy/shared-ini-file-loader, loadSharedConfigFiles). Generated files use the part of the
 * format both readers share (ini-arbitraries.ts, sdkSafe). Where botocore and the SDK differ we
 * follow botocore; each such difference is pinned down in the second block, with what each
 * side reads.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import fc from "fast-check";
import {
  type FileKind,
  type IniValue,
  parseIni,
  profilesOf,
  sectionsOf,
} from "../../src/ini/index.ts";
import { configSectionOf } from "../../src/ini/profiles.ts";
import { applyOp, type EditOp, editOp } from "./support/edit-ops.ts";
import { iniFile } from "./support/ini-arbitraries.ts";
import { CONFIG_DIFFERENCES } from "./support/reader-differences.ts";

const folder = mkdtempSync(join(tmpdir(), "awsmfa-ini-sdk-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let fileCount = 0;

type Flat = Record<string, string>;

/** What the SDK reads from a config and a credentials file. */
async function sdkRead(config: string, credentials: string) {
  const configFilepath = join(folder, `config-${fileCount}`);
  const filepath = join(folder, `credentials-${fileCount++}`);
  writeFileSync(configFilepath, config, "utf8");
  writeFileSync(filepath, credentials, "utf8");
  const files = await loadSharedConfigFiles({ configFilepath, filepath, ignoreCache: true });
  const config_: Record<string, Flat> = {};
  const ssoSessions: Record<string, Flat> = {};
  const services: Record<string, Flat> = {};
  for (const [key, values] of Object.entries(files.configFile)) {
    if (key.startsWith("sso-session.")) ssoSessions[key.slice(12)] = values as Flat;
    else if (key.startsWith("services.")) services[key.slice(9)] = values as Flat;
    else config_[key] = values as Flat;
  }
  const credentials_ = files.credentialsFile as Record<string, Flat>;
  return { config: config_, credentials: credentials_, ssoSessions, services };
}

/** Our reading in the SDK's shape: nested `s3 = {k: v}` becomes `s3.k`. */
function flat(map: Map<string, Record<string, IniValue>>): Record<string, Flat> {
  const out: Record<string, Flat> = {};
  for (const [name, values] of map) {
    const entry: Flat = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === "string") entry[key] = value;
      else for (const [inner, v] of Object.entries(value)) entry[`${key}.${inner}`] = v;
    }
    out[name] = entry;
  }
  return out;
}

/** Two spellings of one profile (`[default]` and `[profile default]`): readers differ. */
function hasAliases(text: string): boolean {
  const seen = new Map<string, string>();
  for (const line of parseIni(text).lines) {
    if (line.kind !== "section") continue;
    const section = configSectionOf(line.header);
    if (!section) continue;
    const id = `${section.family} ${section.name}`;
    if (seen.has(id) && seen.get(id) !== line.header) return true;
    seen.set(id, line.header);
  }
  return false;
}

/** Both readers agree on this pair of files (config without aliases). */
async function expectAgreement(config: string, credentials: string): Promise<void> {
  const sdk = await sdkRead(config, credentials);
  const ours = {
    config: flat(profilesOf(config, "config")),
    credentials: flat(profilesOf(credentials, "credentials")),
    ssoSessions: flat(sectionsOf(config, "sso-session")),
    services: flat(sectionsOf(config, "services")),
  };
  // The SDK leaves out sections that hold no key at all.
  for (const group of Object.values(ours)) {
    for (const [name, values] of Object.entries(group)) {
      if (Object.keys(values).length === 0) delete group[name];
    }
  }
  const files = { configText: config, credentialsText: credentials };
  expect({ ...files, ...ours }).toEqual({ ...files, ...sdk });
}

const filePair = fc.tuple(
  iniFile({ kind: "config", sdkSafe: true, invalid: true }),
  iniFile({ kind: "credentials", sdkSafe: true, invalid: true }),
);

describe("agreement with @smithy/shared-ini-file-loader", () => {
  test("generated files: same profiles, sso-sessions, services and values", async () => {
    const pairs = fc.sample(filePair, 300);
    let compared = 0;
    for (const [config, credentials] of pairs) {
      if (hasAliases(config)) continue;
      compared++;
      await expectAgreement(config, credentials);
    }
    expect(compared).toBeGreaterThan(pairs.length / 2);
  });

  test("after random edits, the SDK reads what we read (so it sees the values set)", async () => {
    const ops = (kind: FileKind) => fc.array(editOp(kind, true), { minLength: 1, maxLength: 4 });
    const cases = fc.sample(fc.tuple(filePair, ops("config"), ops("credentials")), 150);
    for (const [[config, credentials], configOps, credentialsOps] of cases) {
      if (hasAliases(config)) continue;
      const edited = (text: string, kind: FileKind, list: EditOp[]) =>
        list.reduce((current, op) => applyOp(current, kind, op), text);
      await expectAgreement(
        edited(config, "config", configOps),
        edited(credentials, "credentials", credentialsOps),
      );
    }
  });
});

describe("documented differences: awsmfa reads as botocore does", () => {
  test.each(CONFIG_DIFFERENCES)("$why", async ({ text, ours, sdk }) => {
    expect(flat(profilesOf(text, "config"))).toEqual(ours);
    expect((await sdkRead(text, "")).config).toEqual(sdk);
  });

  test("credentials file: [DEFAULT] and [profile x]", async () => {
    const text = "[DEFAULT]\nregion = a\n[profile dev]\nx = 1\n";
    expect(flat(profilesOf(text, "credentials"))).toEqual({
      "profile dev": { x: "1", region: "a" },
    });
    expect((await sdkRead("", text)).credentials).toEqual({
      DEFAULT: { region: "a" },
      "profile.dev": { x: "1" },
    });
  });
});
