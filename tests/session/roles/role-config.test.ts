/** Role profiles as the config files describe them, and the chain down to the MFA profile. */
import { describe, expect, test } from "bun:test";
import { UserError } from "../../../src/errors.ts";
import { chainSerial, resolveRoleChain } from "../../../src/session/roles/role-chain.ts";
import { isRoleProfile, roleConfig } from "../../../src/session/roles/role-config.ts";
import { ADMIN, awsFiles, KEYS } from "./support.ts";

function role(keys: string, extra = "") {
  return roleConfig(awsFiles(`[profile prod]\n[profile r]\n${keys}\n${extra}`, KEYS), "r");
}

describe("roleConfig", () => {
  test("every key read, as the AWS CLI names them", () => {
    expect(
      role(
        [
          `role_arn = ${ADMIN}`,
          "source_profile = prod",
          "mfa_serial = arn:aws:iam::123456789012:mfa/alice",
          "external_id = ext-1",
          "role_session_name = alice@laptop",
          "duration_seconds = 7200",
          "region = eu-west-1",
          "endpoint_url = http://127.0.0.1:1",
        ].join("\n"),
      ),
    ).toEqual({
      profile: "r",
      roleArn: ADMIN,
      sourceProfile: "prod",
      mfaSerial: "arn:aws:iam::123456789012:mfa/alice",
      externalId: "ext-1",
      sessionName: "alice@laptop",
      durationSeconds: 7200,
      region: "eu-west-1",
      endpointUrl: "http://127.0.0.1:1",
    });
  });

  test("a profile without role_arn is no role profile", () => {
    const files = awsFiles("[profile prod]\nregion = eu-west-1\n", KEYS);
    expect(isRoleProfile(files, "prod")).toBe(false);
    expect(roleConfig(files, "prod")).toBeUndefined();
  });

  test("role_arn in the credentials file counts too (botocore merges both files)", () => {
    const files = awsFiles(
      "[profile prod]\n",
      `${KEYS}[r]\nrole_arn = ${ADMIN}\nsource_profile = prod\n`,
    );
    expect(roleConfig(files, "r")?.roleArn).toBe(ADMIN);
  });

  test("source_profile may name a profile known only by its long-term sibling", () => {
    const files = awsFiles(`[profile r]\nrole_arn = ${ADMIN}\nsource_profile = prod\n`, KEYS);
    expect(roleConfig(files, "r")?.sourceProfile).toBe("prod");
  });

  test.each([
    ["role_arn = admin\nsource_profile = prod", 'role_arn in profile "r" is not an IAM role ARN'],
    ["role_arn = arn:aws:iam::123456789012:user/bob\nsource_profile = prod", "not an IAM role ARN"],
    [`role_arn = ${ADMIN}`, 'Profile "r" has a role_arn but no source_profile.'],
    [`role_arn = ${ADMIN}\ncredential_source = Environment`, "credential_source = Environment"],
    [
      `role_arn = ${ADMIN}\nsource_profile = ghost`,
      'source_profile = "ghost" in profile "r" names no profile',
    ],
    [`role_arn = ${ADMIN}\nsource_profile = prod\nduration_seconds = 899`, 'is "899"'],
    [`role_arn = ${ADMIN}\nsource_profile = prod\nduration_seconds = 43201`, 'is "43201"'],
    [`role_arn = ${ADMIN}\nsource_profile = prod\nduration_seconds = 1h`, 'is "1h"'],
    [`role_arn = ${ADMIN}\nsource_profile = prod\nrole_session_name = a`, "role_session_name"],
    [`role_arn = ${ADMIN}\nsource_profile = prod\nrole_session_name = a b`, "role_session_name"],
    [`role_arn = ${ADMIN}\nsource_profile = prod\nexternal_id = x`, "external_id"],
    [`role_arn = ${ADMIN}\nsource_profile = prod\nmfa_serial = 12`, "is not an MFA device serial"],
  ])("%s is refused: %s", (keys, message) => {
    expect(() => role(keys)).toThrow(message);
  });

  test.each([
    "arn:aws:iam::123456789012:role/admin",
    "arn:aws-cn:iam::123456789012:role/path/to/admin",
    "arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f-g_h",
  ])("%s is a role ARN", (arn) => {
    expect(role(`role_arn = ${arn}\nsource_profile = prod`)?.roleArn).toBe(arn);
  });
});

describe("resolveRoleChain", () => {
  const chainConfig = [
    "[profile prod]",
    "mfa_serial = arn:aws:iam::123456789012:mfa/alice",
    "[profile ops]",
    `role_arn = ${ADMIN}`,
    "source_profile = prod",
    "[profile audit]",
    "role_arn = arn:aws:iam::210987654321:role/audit",
    "source_profile = ops",
    "mfa_serial = arn:aws:iam::123456789012:mfa/alice-2",
    "",
  ].join("\n");

  test("a plain profile has no chain", () => {
    expect(resolveRoleChain(awsFiles(chainConfig, KEYS), "prod")).toBeUndefined();
  });

  test("one role: its source is the base", () => {
    const chain = resolveRoleChain(awsFiles(chainConfig, KEYS), "ops");
    expect(chain?.roles.map((r) => r.profile)).toEqual(["ops"]);
    expect(chain?.base).toBe("prod");
    expect(chainSerial(chain!)).toBeUndefined();
  });

  test("a chain: the profile asked for first, the base last; the nearest mfa_serial wins", () => {
    const chain = resolveRoleChain(awsFiles(chainConfig, KEYS), "audit");
    expect(chain?.roles.map((r) => r.profile)).toEqual(["audit", "ops"]);
    expect(chain?.base).toBe("prod");
    expect(chainSerial(chain!)).toBe("arn:aws:iam::123456789012:mfa/alice-2");
  });

  test("a role profile that names itself holds its own keys (AWS CLI style)", () => {
    const files = awsFiles(
      `[profile self]\nrole_arn = ${ADMIN}\nsource_profile = self\n`,
      "[self]\naws_access_key_id = AKIAEXAMPLE000000000\naws_secret_access_key = s\n",
    );
    expect(resolveRoleChain(files, "self")).toMatchObject({ base: "self" });
  });

  test("a circle is refused and shown", () => {
    const files = awsFiles(
      `[profile a]\nrole_arn = ${ADMIN}\nsource_profile = b\n[profile b]\nrole_arn = ${ADMIN}\nsource_profile = c\n[profile c]\nrole_arn = ${ADMIN}\nsource_profile = a\n`,
    );
    expect(() => resolveRoleChain(files, "a")).toThrow("a -> b -> c -> a");
    expect(() => resolveRoleChain(files, "a")).toThrow(UserError);
  });
});
