/**
 * aws/target.ts callTarget: the proxy named for a call is the one for the host the SDK really
 * calls, FIPS and dual-stack variants included, NO_PROXY weighed on that host.
 */
import { expect, test } from "bun:test";
import { resolveRegion } from "../../src/aws/region.ts";
import { callTarget } from "../../src/aws/target.ts";
import { testDeps } from "../support/test-deps.ts";

const target = (env: Record<string, string>) =>
  callTarget("sts", resolveRegion({ env: {}, profile: "eu-west-1" }), {
    deps: testDeps({ env }).deps,
    endpointUrl: undefined,
    profile: "p",
  });

test.each([
  [{}, undefined],
  [{ AWS_USE_DUALSTACK_ENDPOINT: "true" }, "HTTPS_PROXY is set (the proxy p.corp:3128)"],
  [{ AWS_USE_FIPS_ENDPOINT: "true" }, undefined],
])("NO_PROXY=.amazonaws.com with %j: %s", (variants, proxy) => {
  const env = { HTTPS_PROXY: "http://p.corp:3128", NO_PROXY: ".amazonaws.com", ...variants };
  expect(target(env).proxy).toBe(proxy);
});

test("NO_PROXY=sts.eu-west-1.amazonaws.com does not exempt the FIPS host", () => {
  const env = { HTTPS_PROXY: "http://p.corp:3128", NO_PROXY: "sts.eu-west-1.amazonaws.com" };
  expect(target(env).proxy).toBeUndefined();
  expect(target({ ...env, AWS_USE_FIPS_ENDPOINT: "true" }).proxy).toBe(
    "HTTPS_PROXY is set (the proxy p.corp:3128)",
  );
});

const iamTarget = (env: Record<string, string>) =>
  callTarget("iam", resolveRegion({ env: {}, profile: "eu-west-1" }), {
    deps: testDeps({ env }).deps,
    endpointUrl: undefined,
    profile: "p",
  });

test.each([
  // iam.amazonaws.com and iam-fips.amazonaws.com are under .amazonaws.com; the dual-stack
  // hosts (iam.global.api.aws, iam-fips.global.api.aws) are not.
  [{}, undefined],
  [{ AWS_USE_FIPS_ENDPOINT: "true" }, undefined],
  [{ AWS_USE_DUALSTACK_ENDPOINT: "true" }, "HTTPS_PROXY is set (the proxy p.corp:3128)"],
  [
    { AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true" },
    "HTTPS_PROXY is set (the proxy p.corp:3128)",
  ],
])("IAM, NO_PROXY=.amazonaws.com with %j: %s", (variants, proxy) => {
  const env = { HTTPS_PROXY: "http://p.corp:3128", NO_PROXY: ".amazonaws.com", ...variants };
  expect(iamTarget(env).proxy).toBe(proxy);
});

test("IAM: NO_PROXY=iam.amazonaws.com does not exempt its FIPS host; iam-fips's does", () => {
  const env = { HTTPS_PROXY: "http://p.corp:3128", NO_PROXY: "iam.amazonaws.com" };
  expect(iamTarget(env).proxy).toBeUndefined();
  const fips = { ...env, AWS_USE_FIPS_ENDPOINT: "true" };
  expect(iamTarget(fips).proxy).toBe("HTTPS_PROXY is set (the proxy p.corp:3128)");
  expect(iamTarget({ ...fips, NO_PROXY: "iam-fips.amazonaws.com" }).proxy).toBeUndefined();
});
