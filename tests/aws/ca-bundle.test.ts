/** aws/ca-bundle.ts: which CA bundle is in effect, as the AWS CLI reads them. */
import { expect, test } from "bun:test";
import { caBundleSetting } from "../../src/aws/ca-bundle.ts";

test("AWS_CA_BUNDLE beats the profile's ca_bundle; empty or blank is unset", () => {
  expect(caBundleSetting({ AWS_CA_BUNDLE: "/env.pem" }, "/profile.pem")).toEqual({
    path: "/env.pem",
    source: "AWS_CA_BUNDLE",
  });
  expect(caBundleSetting({ AWS_CA_BUNDLE: "" }, "/profile.pem")).toEqual({
    path: "/profile.pem",
    source: "ca_bundle",
  });
  expect(caBundleSetting({ AWS_CA_BUNDLE: "  " }, " /profile.pem ")?.path).toBe("/profile.pem");
  expect(caBundleSetting({}, undefined)).toBeUndefined();
  expect(caBundleSetting({}, "")).toBeUndefined();
});
