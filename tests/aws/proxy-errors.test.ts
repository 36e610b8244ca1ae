/** aws/proxy-errors.ts: which proxy variable a network error names, and never its password. */
import { expect, test } from "bun:test";
import { proxyFailure, proxySetting } from "../../src/aws/proxy-errors.ts";
import { UserError } from "../../src/errors.ts";

const STS = "https://sts.us-east-1.amazonaws.com";

test("names the variable fetch reads for the endpoint's scheme: lower case first, ALL_PROXY last", () => {
  const env = {
    HTTPS_PROXY: "http://upper.example:3128",
    https_proxy: "http://lower.example:3128",
    HTTP_PROXY: "http://plain.example:8080",
    ALL_PROXY: "http://all.example:1080",
  };
  expect(proxySetting(env, STS)).toBe("https_proxy is set (the proxy lower.example:3128)");
  expect(proxySetting(env, "http://127.0.0.1:4566")).toBe(
    "HTTP_PROXY is set (the proxy plain.example:8080)",
  );
  expect(proxySetting({ ALL_PROXY: "http://all.example:1080" }, "https://sts.amazonaws.com")).toBe(
    "ALL_PROXY is set (the proxy all.example:1080)",
  );
  // HTTP_PROXY is not used for https endpoints (nor by fetch).
  expect(proxySetting({ HTTP_PROXY: "http://p:1" }, "https://sts.amazonaws.com")).toBeUndefined();
});

test("a proxy NO_PROXY exempts the host from is not named: the call goes direct", () => {
  const env = { HTTPS_PROXY: "http://proxy.corp:3128", HTTP_PROXY: "http://proxy.corp:3128" };
  expect(proxySetting({ ...env, NO_PROXY: ".amazonaws.com" }, STS)).toBeUndefined();
  expect(proxySetting({ ...env, no_proxy: "*" }, STS)).toBeUndefined();
  expect(
    proxySetting({ ...env, NO_PROXY: "127.0.0.0/8" }, "http://127.0.0.1:4566"),
  ).toBeUndefined();
  // Another host, another port: the proxy applies.
  expect(proxySetting({ ...env, NO_PROXY: "example.com,amazonaws.com:80" }, STS)).toBe(
    "HTTPS_PROXY is set (the proxy proxy.corp:3128)",
  );
});

test.each([
  ["not a url", "it has a space in it"],
  ["  ", "it is blank"],
  [":::", "it is not a URL"],
  ["http://bob:hunter2@proxy.corp:70000", "its port 70000 is past 65535"],
  ["socks5://proxy.corp:1080", "awsmfa can use http:// and https:// proxies, not socks5://"],
  ["http://", "it is not a URL"],
  ["http://proxy.corp:0", "port 0 is no port"],
])("HTTPS_PROXY=%j is a configuration error (exit 3) naming the variable: %s", (value, why) => {
  let error: unknown;
  try {
    proxySetting({ HTTPS_PROXY: value }, STS);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UserError);
  const e = error as UserError;
  expect(e.code).toBe("config");
  expect(e.message).toStartWith(`HTTPS_PROXY "`);
  expect(e.message).toEndWith(`is not a proxy awsmfa can use: ${why}.`);
  expect(e.hint).toContain("Set HTTPS_PROXY to the proxy's URL");
  expect(`${e.message} ${e.hint}`).not.toContain("hunter2");
});

test("a broken proxy of the other scheme, or one NO_PROXY exempts the host from, is no error", () => {
  expect(proxySetting({ HTTP_PROXY: "not a url" }, STS)).toBeUndefined();
  expect(proxySetting({ HTTPS_PROXY: ":::", NO_PROXY: "amazonaws.com" }, STS)).toBeUndefined();
  // fetch reads HOST:PORT as an http:// proxy.
  expect(proxySetting({ HTTPS_PROXY: "127.0.0.1:3128" }, STS)).toBe(
    "HTTPS_PROXY is set (the proxy 127.0.0.1:3128)",
  );
});

test.each([
  ["http://alice:s3cret@proxy.corp:3128", "proxy.corp:3128"],
  ["http://alice:s3@cr/et@proxy.corp:3128/", "proxy.corp:3128"],
  ["alice:s3cret@proxy.corp:3128", "proxy.corp:3128"],
  ["proxy.corp:3128", "proxy.corp:3128"],
  ["https://[::1]:8443/path?x=s3cret#s3cret", "[::1]:8443"],
])("%s is shown as %s, its password never", (value, shown) => {
  const said = proxySetting({ HTTPS_PROXY: value }, STS) ?? "";
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

test("a proxy's refusal names the variable the proxy came from, when known", () => {
  const refused = { code: "ERR_PROXY_TUNNEL", status: 407 };
  const proxy = proxySetting({ https_proxy: "http://p.corp:3128" }, STS);
  expect(proxyFailure(refused, { endpoint: STS, proxy })?.hint).toContain("proxy in https_proxy");
  const all = proxySetting({ ALL_PROXY: "http://p.corp:3128" }, STS);
  expect(proxyFailure(refused, { endpoint: STS, proxy: all })?.hint).toContain(
    "proxy in ALL_PROXY",
  );
});
