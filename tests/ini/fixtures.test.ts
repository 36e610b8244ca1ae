/**
 * Realistic files (tests/fixtures/ini/*.ini) and the exact text expected after an edit
 * (tests/fixtures/ini/after/*.ini). The goldens were reviewed by hand; the edits are what
 * awsmfa does: refresh session keys, add a profile, drop one.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type FileKind, profilesOf, sectionsOf } from "../../src/ini/index.ts";
import { askBotocore, botocoreMissing } from "./support/botocore.ts";
import { applyOp, type EditOp } from "./support/edit-ops.ts";

const FIXTURES = join(import.meta.dir, "..", "fixtures", "ini");
const read = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

const SESSION = {
  aws_access_key_id: "ASIANEWNEWNEWNEWNEW1",
  aws_secret_access_key: "newsecret/newsecret+1",
  aws_session_token: "NEWTOKEN//////////+=",
  expiration: "2030-01-01 12:00:00",
};

interface Golden {
  file: string;
  kind: FileKind;
  op: EditOp;
  after: string;
}

const GOLDENS: Golden[] = [
  {
    file: "aws-mfa.credentials.ini",
    kind: "credentials",
    op: { type: "set", profile: "prod", values: SESSION },
    after: "aws-mfa.credentials.set-prod.ini",
  },
  {
    file: "aws-mfa.credentials.ini",
    kind: "credentials",
    op: { type: "set", profile: "dev", values: SESSION },
    after: "aws-mfa.credentials.set-dev.ini",
  },
  {
    file: "aws-mfa.credentials.ini",
    kind: "credentials",
    op: { type: "deleteProfile", profile: "prod" },
    after: "aws-mfa.credentials.delete-prod.ini",
  },
  {
    file: "aws-arn-mfa.crlf.credentials.ini",
    kind: "credentials",
    op: { type: "set", profile: "default", values: SESSION },
    after: "aws-arn-mfa.crlf.credentials.set-default.ini",
  },
  {
    file: "aws-arn-mfa.crlf.credentials.ini",
    kind: "credentials",
    op: { type: "set", profile: "prod", values: SESSION },
    after: "aws-arn-mfa.crlf.credentials.set-prod.ini",
  },
  {
    file: "config.ini",
    kind: "config",
    op: {
      type: "set",
      profile: "prod",
      values: { region: "eu-west-2", duration_seconds: "43200" },
    },
    after: "config.set-prod.ini",
  },
  {
    file: "config.ini",
    kind: "config",
    op: { type: "set", profile: "local", values: { output: "text" } },
    after: "config.set-local.ini",
  },
  {
    file: "config.ini",
    kind: "config",
    op: { type: "set", profile: "new one", values: { region: "ap-south-1" } },
    after: "config.set-new-one.ini",
  },
  {
    file: "config.ini",
    kind: "config",
    op: { type: "deleteKeys", profile: "prod", keys: ["s3", "mfa_serial"] },
    after: "config.delete-prod-keys.ini",
  },
  {
    file: "config.ini",
    kind: "config",
    op: { type: "deleteProfile", profile: "team dev" },
    after: "config.delete-team-dev.ini",
  },
];

describe("fixtures", () => {
  test.each(GOLDENS)("$file, $op.type $op.profile -> after/$after", ({ file, kind, op, after }) => {
    expect(applyOp(read(file), kind, op)).toBe(read(join("after", after)));
  });

  test("the CRLF fixture really is CRLF (and stays so)", () => {
    const before = read("aws-arn-mfa.crlf.credentials.ini");
    const after = read(join("after", "aws-arn-mfa.crlf.credentials.set-prod.ini"));
    for (const text of [before, after]) expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  test("config.ini reads as expected", () => {
    const config = read("config.ini");
    expect([...profilesOf(config, "config").keys()]).toEqual([
      "default",
      "prod",
      "team dev",
      "local",
    ]);
    expect(profilesOf(config, "config").get("prod")!.s3).toEqual({
      max_concurrent_requests: "20",
      multipart_chunksize: "16MB",
    });
    expect(Object.fromEntries(sectionsOf(config, "sso-session"))).toEqual({
      corp: {
        sso_start_url: "https://corp.awsapps.com/start",
        sso_region: "eu-west-1",
        sso_registration_scopes: "sso:account:access",
      },
    });
    expect(sectionsOf(config, "services").get("local")).toEqual({
      s3: { endpoint_url: "http://127.0.0.1:9000" },
      dynamodb: { endpoint_url: "http://127.0.0.1:8000" },
    });
  });

  test.skipIf(botocoreMissing !== undefined)("botocore reads every fixture as we do", async () => {
    const files = [
      ...new Set(
        GOLDENS.flatMap(({ file, after, kind }) => [`${kind}:${file}`, `${kind}:after/${after}`]),
      ),
    ].map((entry) => {
      const [kind, name] = entry.split(":") as [FileKind, string];
      return { kind, text: read(name) };
    });
    const answer = await askBotocore(files);
    expect(answer.files.map((file) => (file.ok ? file.profiles : file))).toEqual(
      files.map(({ text, kind }) => [...profilesOf(text, kind)]),
    );
  });
});
