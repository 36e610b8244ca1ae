/**
 * The session planner and the long-term key resolution it starts with, without the binary:
 * which profile's keys sign the call (flag, config, convention, the profile itself), which
 * device, which region, and the refusal of session keys as long-term keys.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAwsFiles } from "../../src/config/aws-files.ts";
import { UserError } from "../../src/errors.ts";
import { planLocally } from "../../src/session/local-plan.ts";
import { findLongTermKeys } from "../../src/session/long-term.ts";
import { testDeps } from "../support/test-deps.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-plan-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let homes = 0;

const KEY = (id: string) => `aws_access_key_id = ${id}\naws_secret_access_key = secret-${id}\n`;
const SERIAL = "arn:aws:iam::123456789012:mfa/alice";

async function filesWith(config: string, credentials: string) {
  const dir = join(root, `home-${++homes}`);
  const [configPath, credentialsPath] = [join(dir, "config"), join(dir, "credentials")];
  mkdirSync(dir);
  writeFileSync(configPath, config);
  writeFileSync(credentialsPath, credentials);
  const { deps } = testDeps({
    homedir: dir,
    env: { AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: credentialsPath },
  });
  return { files: await readAwsFiles(deps), deps };
}

describe("findLongTermKeys", () => {
  test("the order: --long-term-profile, awsmfa_long_term_profile, conventions, the profile", async () => {
    const credentials = [
      `[prod]\n${KEY("AKIASELF")}`,
      `[prod-long-term]\n${KEY("AKIACONVENTION")}`,
      `[keys]\n${KEY("AKIACONFIG")}`,
      `[flagged]\n${KEY("AKIAFLAG")}`,
    ].join("\n");
    const config = "[profile prod]\nawsmfa_long_term_profile = keys\n";
    const { files } = await filesWith(config, credentials);
    expect(findLongTermKeys(files, "prod", "flagged")).toMatchObject({
      profile: "flagged",
      via: "flag",
    });
    expect(findLongTermKeys(files, "prod", undefined)).toMatchObject({
      profile: "keys",
      via: "config",
    });
    const plain = await filesWith("", credentials);
    expect(findLongTermKeys(plain.files, "prod", undefined)).toMatchObject({
      profile: "prod-long-term",
      via: "convention",
      keyId: "AKIACONVENTION",
      source: { kind: "file", credentials: { accessKeyId: "AKIACONVENTION" } },
    });
    const self = await filesWith("", `[prod]\n${KEY("AKIASELF")}`);
    expect(findLongTermKeys(self.files, "prod", undefined)).toMatchObject({
      profile: "prod",
      via: "self",
    });
  });

  test("a profile that holds only session keys is no source of long-term keys", async () => {
    const session = `[prod]\n${KEY("ASIASESSION")}aws_session_token = token\n`;
    const { files } = await filesWith("", session);
    expect(() => findLongTermKeys(files, "prod", undefined)).toThrow(UserError);
  });

  test("aws-mfa's old aws_security_token makes a session too", async () => {
    const session = `[prod-long-term]
${KEY("FAKESESSION")}aws_security_token = token
`;
    const { files } = await filesWith("", session);
    const error = (() => {
      try {
        findLongTermKeys(files, "prod", undefined);
      } catch (thrown) {
        return thrown as UserError;
      }
    })();
    expect(error?.hint).toContain("[prod-long-term]: holds session keys");
  });

  test("an IAM user's keys with a stale token beside them are long-term; the token is left out", async () => {
    const stale = `[prod-long-term]
${KEY("AKIASTALE")}aws_session_token = old
`;
    const { files } = await filesWith("", stale);
    expect(findLongTermKeys(files, "prod", undefined).source).toEqual({
      kind: "file",
      credentials: { accessKeyId: "AKIASTALE", secretAccessKey: "secret-AKIASTALE" },
    });
  });
});

describe("planLocally", () => {
  test("device and region come from the profile, then its long-term profile", async () => {
    const config = `[profile prod-long-term]\nmfa_serial = ${SERIAL}\nregion = eu-west-1\n`;
    const { files, deps } = await filesWith(config, `[prod-long-term]\n${KEY("AKIALONG")}`);
    const plan = planLocally(files, { profile: "prod" }, deps);
    expect(plan.longTerm.profile).toBe("prod-long-term");
    expect(plan.serial).toBe(SERIAL);
    expect(plan.profileRegion).toBe("eu-west-1");
    expect(plan.region.region).toBe("eu-west-1");
  });

  test("no mfa_serial anywhere: the serial is left for discovery; a flag wins", async () => {
    const { files, deps } = await filesWith("", `[prod]\n${KEY("AKIASELF")}`);
    expect(planLocally(files, { profile: "prod" }, deps).serial).toBeUndefined();
    const flagged = planLocally(files, { profile: "prod", serial: SERIAL }, deps);
    expect(flagged.serial).toBe(SERIAL);
  });

  test("a China device pins the partition: the region follows it", async () => {
    const cn = "arn:aws-cn:iam::123456789012:mfa/alice";
    const { files, deps } = await filesWith(
      `[profile prod]\nmfa_serial = ${cn}\n`,
      `[prod]\n${KEY("AKIASELF")}`,
    );
    const plan = planLocally(files, { profile: "prod" }, deps);
    expect(plan.region.partition.id).toBe("aws-cn");
    expect(plan.region.region).toStartWith("cn-");
  });
});
