/**
 * The summaries `list` prints, read from indexed files (ProfileIndex, with hasSuffixed and the
 * summary's own cache key), agree with the same summaries read from whole-file maps
 * (profilesOf, where every partner name is built and looked up) and with cacheKeyOf, on
 * generated files with the odd cases: CRLF, a BOM, repeated sections, `[profile x]` beside
 * `[x]`, comments, partners by each suffix, session keys, roles, a bad device, a key store.
 */
import { describe, expect, test } from "bun:test";
import type { AwsFiles } from "../../src/config/aws-files.ts";
import { profileIndex, profilesOf } from "../../src/ini/index.ts";
import { cacheKeyOf } from "../../src/profiles/forget-cached.ts";
import { summarizeProfiles } from "../../src/profiles/inventory.ts";

const PATHS = { config: "/h/.aws/config", credentials: "/h/.aws/credentials" };

function files(config: string, credentials: string, indexed: boolean): AwsFiles {
  const map = indexed ? profileIndex : profilesOf;
  return {
    paths: PATHS,
    configText: config,
    credentialsText: credentials,
    config: map(config, "config"),
    credentials: map(credentials, "credentials"),
  };
}

/** `count` groups of profiles, each group one of the odd cases, `eol` as line end. */
function generated(count: number, eol: string, bom: boolean): [string, string] {
  const config: string[] = [];
  const credentials: string[] = [];
  const serial = (i: number) => `arn:aws:iam::123456789012:mfa/u${i}`;
  const keys = (id: string) => `aws_access_key_id = ${id}${eol}aws_secret_access_key = s${eol}`;
  for (let i = 0; i < count; i++) {
    const suffix = ["-long-term", "-mfa", "-default"][i % 3]!;
    switch (i % 8) {
      case 0: // the usual pair, a comment before each
        config.push(`# team${eol}[profile p${i}]${eol}mfa_serial = ${serial(i)}${eol}`);
        credentials.push(`; keys${eol}[p${i}${suffix}]${eol}${keys(`AKIA${i}`)}`);
        break;
      case 1: // `[x]` and `[profile x]` in the config file, a repeated credentials section
        config.push(
          `[p${i}]${eol}region = us-east-1${eol}[profile p${i}]${eol}region = eu-west-1${eol}`,
        );
        credentials.push(
          `[p${i}]${eol}${keys(`AKIA${i}`)}[p${i}]${eol}mfa_serial = ${serial(i)}${eol}`,
        );
        break;
      case 2: // a session in the file, long-term keys beside it
        credentials.push(
          `[p${i}]${eol}${keys(`ASIA${i}`)}aws_session_token = t${eol}expiration = 2026-01-01T01:00:00Z${eol}`,
          `[p${i}${suffix}]${eol}${keys(`AKIA${i}`)}mfa_serial = ${serial(i)}${eol}`,
        );
        break;
      case 3: // a role
        config.push(
          `[profile p${i}]${eol}role_arn = arn:aws:iam::123456789012:role/r${eol}source_profile = p0${eol}`,
        );
        break;
      case 4: // a malformed device
        config.push(`[profile p${i}]${eol}mfa_serial = not a serial${eol}`);
        credentials.push(`[p${i}-long-term]${eol}${keys(`AKIA${i}`)}`);
        break;
      case 5: // a key store, and a partner by the config's own setting
        config.push(
          `[profile p${i}]${eol}awsmfa_long_term_profile = p${i}-keys${eol}mfa_serial = ${serial(i)}${eol}`,
          `[profile p${i}-keys]${eol}awsmfa_key_store = pass${eol}awsmfa_key_id = AKIA${i}${eol}`,
        );
        break;
      case 6: // settings only
        config.push(`[profile p${i}]${eol}output = json${eol}`);
        break;
      case 7: // a partner of a partner: p7-mfa-mfa
        credentials.push(
          `[p${i}-mfa]${eol}${keys(`AKIA${i}`)}[p${i}-mfa-mfa]${eol}${keys(`AKIB${i}`)}`,
        );
        config.push(`[profile p${i}-mfa]${eol}aws_mfa_device = ${serial(i)}${eol}`);
        break;
    }
  }
  const head = bom ? "\uFEFF" : "";
  return [head + config.join(""), head + credentials.join("")];
}

describe("summarizeProfiles", () => {
  for (const [eol, bom] of [
    ["\n", false],
    ["\r\n", true],
  ] as const) {
    test(`indexed files agree with whole-file maps and cacheKeyOf (${JSON.stringify(eol)}, BOM ${bom})`, () => {
      // 200 groups: well past the 64 questions after which hasSuffixed collects the names.
      const [config, credentials] = generated(200, eol, bom);
      const indexed = files(config, credentials, true);
      const whole = files(config, credentials, false);
      const summaries = summarizeProfiles(indexed);
      expect(summaries.length).toBeGreaterThan(200);
      expect(summaries).toEqual(summarizeProfiles(whole));
      for (const summary of summaries) {
        expect(summary.cacheKey).toEqual(cacheKeyOf(whole, summary.name));
      }
      // Every kind is among them, and cache keys for the pairs.
      const kinds = new Set(summaries.map((s) => s.kind));
      expect([...kinds].sort()).toEqual(["long-term", "other", "role", "session"]);
      expect(summaries.filter((s) => s.cacheKey).length).toBeGreaterThan(50);
      expect(summaries.some((s) => s.serial === "invalid")).toBe(true);
    });
  }
});
