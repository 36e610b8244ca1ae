/** aws/proxy-errors.ts: which proxy variable a network error names, and never its password. */
import { expect, test } from "bun:test";
import { proxyFailure, proxySetting } from "../../src/aws/proxy-errors.ts";

test("names the variable fetch reads for the endpoint's scheme: lower case first, ALL_PROXY last", () => {
  const env = {
    HTTPS_PROXY: "http://upper.example:3128",
    https_proxy: "http://lower.example:3128",
    HTTP_PROXY: "http://plain.example:8080",
    ALL_PROXY: "http://all.example:1080",
  };
  expect(proxySetting(env, undefined)).toBe("https_proxy is set (the proxy lower.example:3128)");
  expect(proxySetting(env, "http://127.0.0.1:4566")).toBe(
    "HTTP_PROXY is set (the proxy plain.example:8080)",
  );
  expect(proxySetting({ ALL_PROXY: "http://all.example:1080" }, "https://sts.amazonaws.com")).toBe(
    "ALL_PROXY is set (the proxy all.example:1080)",
  );
  // HTTP_PROXY is not used for https endpoints (nor by fetch).
  expect(proxySetting({ HTTP_PROXY: "http://p:1" }, "https://sts.amazonaws.com")).toBeUndefined();
  expect(proxySetting({ HTTPS_PROXY: "  " }, undefined)).toBeUndefined();
});

test.each([
  ["http://alice:s3cret@proxy.corp:3128", "proxy.corp:3128"],
  ["http://alice:s3@cr/et@proxy.corp:3128/", "proxy.corp:3128"],
  ["alice:s3cret@proxy.corp:3128", "proxy.corp:3128"],
  ["proxy.corp:3128", "proxy.corp:3128"],
  ["https://[::1]:8443/path?x=s3cret#s3cret", "[::1]:8443"],
])("%s is shown as %s, its password never", (value, shown) => {
  const said = proxySetting({ HTTPS_PROXY: value }, undefined) ?? "";
  expect(said).toBe(`HTTPS_PROXY is set (the proxy ${shown})`);
  expect(said).not.toContain("s3cret");
  expect(said).not.toContain("s3@cr");
});

test("a proxy's refusal names the variable of the endpoint's scheme, whatever its case", () => {
  const refused = { code: "ERR_PROXY_TUNNEL", status: 407 };
  for (const [endpoint, variable] of [
    ["http://127.0.0.1:4566", "HTTP_PROXY"],
    ["HTTP://127.0.0.1:4566", "HTTP_PROXY"],
    ["https://sts.amazonaws.com", "HTTPS_PROXY"],
    ["the us-east-1 endpoint", "HTTPS_PROXY"],
  ]) {
    expect(proxyFailure(refused, { endpoint: endpoint! })?.hint).toContain(`proxy in ${variable}`);
  }
});
