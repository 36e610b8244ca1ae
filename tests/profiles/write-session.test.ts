/**
 * withSession, the pure edit login runs under the lock: on generated credentials files, the
 * session lands in [prod], every other profile reads as before, long-term keys are refused,
 * and the edit is idempotent.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { AwsFiles } from "../../src/config/aws-files.ts";
import { sectionState } from "../../src/config/section-state.ts";
import type { Deps } from "../../src/deps.ts";
import { UserError } from "../../src/errors.ts";
import { profilesOf } from "../../src/ini/index.ts";
import {
  prepareSessionWrite,
  rehearseSessionEdit,
  withSession,
} from "../../src/profiles/write-session.ts";
import { iniFile } from "../ini/support/ini-arbitraries.ts";

const SESSION = {
  accessKeyId: "ASIANEWNEWNEWNEWNEW1",
  secretAccessKey: "new/secret+new/secret",
  sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH+token==",
  expiration: new Date("2030-01-02T03:04:05.678Z"),
};
const WRITTEN = {
  aws_access_key_id: SESSION.accessKeyId,
  aws_secret_access_key: SESSION.secretAccessKey,
  aws_session_token: SESSION.sessionToken,
  expiration: "2030-01-02T03:04:05Z",
};

describe("withSession on generated credentials files", () => {
  test("lands in [prod], leaves every other profile as it read, or refuses long-term keys", () => {
    fc.assert(
      fc.property(iniFile({ kind: "credentials" }), (text) => {
        const before = profilesOf(text, "credentials");
        if (sectionState(text, "prod") === "long-term") {
          expect(() => withSession(text, "prod", SESSION, "credentials")).toThrow(UserError);
          return;
        }
        const result = withSession(text, "prod", SESSION, "credentials");
        const after = profilesOf(result, "credentials");
        expect(after.get("prod")).toMatchObject(WRITTEN);
        for (const [name, values] of before) {
          if (name !== "prod") expect(after.get(name)).toEqual(values);
        }
        expect(withSession(result, "prod", SESSION, "credentials")).toBe(result);
      }),
      { numRuns: 400 },
    );
  });
});

describe("withSession on fixed files", () => {
  test("a new file gets just the section", () => {
    expect(withSession(null, "prod", SESSION, "p")).toBe(
      `[prod]\naws_access_key_id = ${WRITTEN.aws_access_key_id}\naws_secret_access_key = ${WRITTEN.aws_secret_access_key}\naws_session_token = ${WRITTEN.aws_session_token}\nexpiration = ${WRITTEN.expiration}\n`,
    );
  });

  test("aws_security_token is refreshed only when it is there", () => {
    const old = "[prod]\naws_access_key_id = ASIA0\naws_security_token = OLD\n";
    expect(withSession(old, "prod", SESSION, "p")).toContain(
      `aws_security_token = ${SESSION.sessionToken}\n`,
    );
    expect(withSession("[prod]\n", "prod", SESSION, "p")).not.toContain("aws_security_token");
  });

  test("a key id written as a nested value is refused too, with no id to show", () => {
    // Found by the property above: `aws_access_key_id =` followed by indented lines.
    const text = "[prod]\naws_access_key_id=  \n  region=us-east-1";
    expect(() => withSession(text, "prod", SESSION, "p")).toThrow("holds long-term keys (****)");
  });

  test("the refusal names the profile, the file and the masked key, never the secret", () => {
    const text =
      "[prod]\naws_access_key_id = AKIAABCDEFGHIJKLMNOP\naws_secret_access_key = TOPSECRET\n";
    let error: unknown;
    try {
      withSession(text, "prod", SESSION, "/home/me/.aws/credentials");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    const { message, hint } = error as UserError;
    expect(message).toBe(
      "[prod] in /home/me/.aws/credentials holds long-term keys (AKIA****MNOP); awsmfa will not overwrite them with a session.",
    );
    expect(hint).toContain("awsmfa configure \uE000prod\uE001");
    expect(`${message}${hint}`).not.toContain("TOPSECRET");
  });
});

describe("rehearseSessionEdit (made while AWS answers)", () => {
  const filesOf = (credentialsText: string | null) =>
    ({ credentialsText, paths: { credentials: "credentials" } }) as unknown as AwsFiles;

  test("changes nothing: the edit after it is byte for byte the edit without it", () => {
    fc.assert(
      fc.property(iniFile({ kind: "credentials" }), (text) => {
        if (sectionState(text, "prod") === "long-term") {
          // It meets what the edit meets; login drops it (the write says it, later).
          expect(() => rehearseSessionEdit(filesOf(text), "prod")).toThrow(UserError);
          return;
        }
        const alone = withSession(text, "prod", SESSION, "credentials");
        rehearseSessionEdit(filesOf(text), "prod");
        // The same text read again under the lock: an equal copy, not the same string.
        const copy = `${text} `.slice(0, -1);
        expect(withSession(copy, "prod", SESSION, "credentials")).toBe(alone);
      }),
      { numRuns: 300 },
    );
  });

  test("a missing file: nothing to throw, nothing written", () => {
    expect(() => rehearseSessionEdit(filesOf(null), "prod")).not.toThrow();
  });
});

describe("prepareSessionWrite (made while AWS answers)", () => {
  const filesOf = (credentialsText: string | null) =>
    ({
      credentialsText,
      paths: { credentials: "/home/me/.aws/credentials" },
    }) as unknown as AwsFiles;
  const lookingFs = (looked: string[]) => ({
    fs: {
      access: async (path: string) => {
        looked.push(path);
      },
    } as unknown as Deps["fs"],
  });

  test("starts the fsync's threads with a look at the credentials file, and rehearses the edit", () => {
    const looked: string[] = [];
    expect(() =>
      prepareSessionWrite(filesOf("[prod]\nregion = x\n"), "prod", lookingFs(looked)),
    ).not.toThrow();
    expect(looked).toEqual(["/home/me/.aws/credentials"]);
  });

  test("throws what the edit throws (long-term keys), the threads started all the same", () => {
    const looked: string[] = [];
    const text = "[prod]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n";
    expect(() => prepareSessionWrite(filesOf(text), "prod", lookingFs(looked))).toThrow(UserError);
    expect(looked).toEqual(["/home/me/.aws/credentials"]);
  });
});
