/** Random edits (set keys, delete keys, delete a profile) for the property tests. */
import fc from "fast-check";
import {
  deleteProfile,
  deleteProfileKeys,
  type FileKind,
  type ProfileRef,
  setProfileKeys,
} from "../../../src/ini/index.ts";

export type EditOp =
  | { type: "set"; profile: string; values: Record<string, string> }
  | { type: "deleteKeys"; profile: string; keys: string[] }
  | { type: "deleteProfile"; profile: string };

/** Names in the generated files (ini-arbitraries.ts), and some that are not. */
const PROFILES = ["dev", "prod", "default", "x.y", "my name", `it's`, 'say "hi"', "new one"];
const KEYS = ["region", "Region", "aws_session_token", "expiration", "s3", "x", "mfa_serial"];
const VALUES = ["eu-west-1", "ASIA/x+y=", "2030-01-01T00:00:00Z", "a = b", "a#b", "ü"];

const profile = (kind: FileKind, sdkSafe: boolean) =>
  fc.constantFrom(
    ...(sdkSafe ? ["dev", "prod", "default", "x.y", "new-one"] : PROFILES),
    ...(kind === "credentials" && !sdkSafe ? ["DEFAULT", " spaced "] : []),
  );

/** Keys once each, ignoring case (setProfileKeys refuses `region` and `Region` together). */
const keys = (sdkSafe: boolean) =>
  fc.uniqueArray(fc.constantFrom(...(sdkSafe ? KEYS.filter((k) => k !== "Region") : KEYS)), {
    minLength: 1,
    maxLength: 3,
    selector: (key) => key.toLowerCase(),
  });

export function editOp(kind: FileKind, sdkSafe = false): fc.Arbitrary<EditOp> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          profile(kind, sdkSafe),
          keys(sdkSafe),
          fc.array(fc.constantFrom(...VALUES), {
            minLength: 3,
            maxLength: 3,
          }),
        )
        .map(([name, chosen, values]) => ({
          type: "set" as const,
          profile: name,
          values: Object.fromEntries(chosen.map((key, i) => [key, values[i]!])),
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(profile(kind, sdkSafe), keys(sdkSafe))
        .map(([name, chosen]) => ({ type: "deleteKeys" as const, profile: name, keys: chosen })),
    },
    {
      weight: 1,
      arbitrary: profile(kind, sdkSafe).map((name) => ({
        type: "deleteProfile" as const,
        profile: name,
      })),
    },
  );
}

export function applyOp(text: string, kind: FileKind, op: EditOp): string {
  const ref: ProfileRef = { kind, profile: op.profile };
  switch (op.type) {
    case "set":
      return setProfileKeys(text, ref, op.values);
    case "deleteKeys":
      return deleteProfileKeys(text, ref, op.keys);
    case "deleteProfile":
      return deleteProfile(text, ref);
  }
}
