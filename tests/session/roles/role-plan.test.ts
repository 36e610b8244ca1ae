/** What each AssumeRole asks for: durations, the chaining cap, names, regions, partitions. */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { partitionById } from "../../../src/aws/partition.ts";
import { resolveRoleChain } from "../../../src/session/roles/role-chain.ts";
import { defaultSessionName, planRoleSteps } from "../../../src/session/roles/role-plan.ts";
import { ADMIN, awsFiles, KEYS } from "./support.ts";

function steps(
  config: string,
  profile: string,
  extra: Partial<Parameters<typeof planRoleSteps>[0]> = {},
) {
  const chain = resolveRoleChain(awsFiles(config, KEYS), profile)!;
  return planRoleSteps({
    chain,
    baseSerial: "arn:aws:iam::123456789012:mfa/alice",
    basePartition: partitionById("aws"),
    baseEndpointUrl: undefined,
    region: undefined,
    roleDurationSeconds: undefined,
    env: {},
    now: () => 0,
    ...extra,
  });
}

const chain = (audit = "") =>
  `[profile prod]\n[profile ops]\nrole_arn = ${ADMIN}\nsource_profile = prod\nduration_seconds = 7200\n[profile audit]\nrole_arn = arn:aws:iam::123456789012:role/audit\nsource_profile = ops\n${audit}`;

describe("planRoleSteps", () => {
  test("one role: 1 h by default, named after the IAM user, region of the partition", () => {
    const [step] = steps(`[profile r]\nrole_arn = ${ADMIN}\nsource_profile = prod\n`, "r");
    expect(step).toMatchObject({
      source: "prod",
      sessionName: "awsmfa-alice",
      durationSeconds: 3600,
      chained: false,
      notes: [],
    });
    expect(step!.target()).toMatchObject({ region: "us-east-1", profile: "prod" });
  });

  test("calls run from the MFA session outwards; only the outer ones are chained", () => {
    const plan = steps(chain(), "audit");
    expect(plan.map((s) => [s.role.profile, s.source, s.chained])).toEqual([
      ["ops", "prod", false],
      ["audit", "ops", true],
    ]);
    // ops is assumed with the MFA session: no chaining, its 2 h stand.
    expect(plan[0]!.durationSeconds).toBe(7200);
  });

  test("a chained role asking for more than 1 h gets 1 h, and a note that says why", () => {
    const [, audit] = steps(chain("duration_seconds = 10800\n"), "audit");
    expect(audit!.durationSeconds).toBe(3600);
    expect(audit!.notes).toEqual([
      'Note: "audit" is assumed with the role session of "ops" (role chaining), which AWS limits to 1 hour; asking for 1h instead of 3h00m.',
    ]);
  });

  test("--role-duration applies to the role asked for, not to the roles below it", () => {
    const plan = steps(chain(), "audit", { roleDurationSeconds: 1800 });
    expect(plan.map((s) => s.durationSeconds)).toEqual([7200, 1800]);
    const [alone] = steps(
      `[profile r]\nrole_arn = ${ADMIN}\nsource_profile = prod\nduration_seconds = 7200\n`,
      "r",
      {
        roleDurationSeconds: 5400,
      },
    );
    expect(alone!.durationSeconds).toBe(5400);
  });

  test("the role's region, then --region; endpoint_url of the role, then of the base", () => {
    const config = `[profile r]\nrole_arn = ${ADMIN}\nsource_profile = prod\nregion = eu-west-3\n`;
    expect(steps(config, "r")[0]!.target().region).toBe("eu-west-3");
    expect(steps(config, "r", { region: "ap-south-1" })[0]!.target().region).toBe("ap-south-1");
    expect(
      steps(config, "r", { baseEndpointUrl: "http://127.0.0.1:9" })[0]!.target().endpoint,
    ).toBe("http://127.0.0.1:9");
  });

  test("the role ARN pins the partition, even against AWS_REGION", () => {
    const config = `[profile r]\nrole_arn = arn:aws-cn:iam::123456789012:role/x\nsource_profile = prod\n`;
    const [step] = steps(config, "r", {
      basePartition: partitionById("aws-cn"),
      env: { AWS_REGION: "us-east-1" },
    });
    expect(step!.target().region).toBe("cn-north-1");
    expect(step!.notes[0]).toContain("using cn-north-1");
  });

  test("a role outside the MFA session's partition is refused", () => {
    const config = `[profile r]\nrole_arn = arn:aws-us-gov:iam::123456789012:role/x\nsource_profile = prod\n`;
    expect(() => steps(config, "r")).toThrow(
      'The role of profile "r" is in AWS GovCloud (US) (aws-us-gov), but the MFA session of "prod" is in AWS (aws).',
    );
  });
});

describe("defaultSessionName", () => {
  test.each([
    ["arn:aws:iam::123456789012:mfa/alice", {}, "awsmfa-alice"],
    ["arn:aws:iam::123456789012:mfa/path/to/bob", {}, "awsmfa-bob"],
    ["arn:aws-cn:iam::123456789012:u2f/user/carol/key-1", {}, "awsmfa-key-1"],
    ["GAHT12345678", { USER: "dana" }, "awsmfa-dana"],
    ["GAHT12345678", { USERNAME: "Eve Smith" }, "awsmfa-Eve-Smith"],
    ["GAHT12345678", {}, "awsmfa-session"],
  ])("%s %o -> %s", (serial, env, name) => {
    expect(defaultSessionName(serial, env)).toBe(name);
  });

  test("always a name AssumeRole accepts", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (user, device) => {
        const name = defaultSessionName(`arn:aws:iam::123456789012:mfa/${device}`, { USER: user });
        expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
      }),
    );
  });
});
