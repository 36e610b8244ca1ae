/**
 * aws/endpoints.ts endpointOverride: an endpoint setting is a scheme, a host and at most a
 * path, for every service alike; a query string or fragment is the setting to fix (exit 3,
 * naming it), not something to build a request or the console's sign-in URL on.
 */
import { expect, test } from "bun:test";
import { endpointOverride, type Service } from "../../src/aws/endpoints.ts";
import { UserError } from "../../src/errors.ts";

const refusal = (run: () => unknown): UserError => {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("not refused");
};

const SERVICES: Service[] = ["sts", "iam", "signin"];
const QUERIES = [
  "http://127.0.0.1:4566/?a=b",
  "http://127.0.0.1:4566/x?",
  "https://bob:s3cretPw@signin.example.test/federation#frag",
  "https://sts.example.test#",
];

test.each(SERVICES)(
  "%s: a query string or fragment in any of its settings is exit 3, named",
  (service) => {
    const variable = `AWS_ENDPOINT_URL_${service.toUpperCase()}`;
    for (const value of QUERIES) {
      for (const [env, profile, named] of [
        [{ [variable]: value }, undefined, variable],
        [{ AWS_ENDPOINT_URL: value }, undefined, "AWS_ENDPOINT_URL"],
        [{}, value, "endpoint_url in the profile's config"],
      ] as const) {
        const e = refusal(() => endpointOverride(service, env, profile));
        expect(e.code).toBe("config");
        expect(e.message).toStartWith(`${named} "`);
        expect(e.message).toContain("it has a query string (?) or fragment (#)");
        expect(e.hint).toContain("with no ? or #");
        expect(`${e.message}${e.hint}`).not.toContain("s3cretPw");
      }
    }
  },
);

test("a path is an endpoint's to have, with or without a trailing slash", () => {
  for (const value of [
    "http://127.0.0.1:4566/",
    "https://proxy.example.test/aws/sts",
    "http://[::1]:9",
  ]) {
    expect(endpointOverride("signin", { AWS_ENDPOINT_URL_SIGNIN: value })).toBe(value);
  }
});
