/**
 * system/proxy-env.ts: the proxy fetch uses for a URL, NO_PROXY weighed. One table, checked
 * twice: against proxyFor, and against the runtime's real fetch with a recording proxy per
 * variable on 127.0.0.1, inside a network namespace that has only loopback (so a request that
 * goes direct to a name fails at DNS and nothing leaves the machine).
 */
import { expect, test } from "bun:test";
import { noProxyExempts, proxyFor } from "../../src/system/proxy-env.ts";

const STS = "https://sts.us-east-1.amazonaws.com/";
const STS_HTTP = "http://sts.us-east-1.amazonaws.com/";
const LOOP = "http://127.0.0.1:9/";
const LOOP6 = "http://[::1]:9/";
type Case = [Record<string, string>, string, string | undefined];
const via = (noProxy: string, url = STS_HTTP, expected: string | undefined = undefined): Case => [
  { HTTP_PROXY: "P:HTTP_PROXY", HTTPS_PROXY: "P:HTTPS_PROXY", NO_PROXY: noProxy },
  url,
  expected,
];
const proxied = (noProxy: string, url = STS_HTTP): Case =>
  via(noProxy, url, url.startsWith("https:") ? "HTTPS_PROXY" : "HTTP_PROXY");

const CASES: Case[] = [
  // Which variable, for which scheme.
  [{ HTTPS_PROXY: "P:HTTPS_PROXY", HTTP_PROXY: "P:HTTP_PROXY" }, STS, "HTTPS_PROXY"],
  [{ HTTPS_PROXY: "P:HTTPS_PROXY", HTTP_PROXY: "P:HTTP_PROXY" }, STS_HTTP, "HTTP_PROXY"],
  [{ HTTP_PROXY: "P:HTTP_PROXY" }, STS, undefined],
  [{ HTTPS_PROXY: "P:HTTPS_PROXY" }, STS_HTTP, undefined],
  [{ https_proxy: "P:https_proxy", HTTPS_PROXY: "P:HTTPS_PROXY" }, STS, "https_proxy"],
  [{ https_proxy: "", HTTPS_PROXY: "P:HTTPS_PROXY" }, STS, "HTTPS_PROXY"],
  [{ https_proxy: "''", HTTPS_PROXY: "P:HTTPS_PROXY" }, STS, undefined],
  [{ ALL_PROXY: "P:ALL_PROXY" }, STS, "ALL_PROXY"],
  [{ all_proxy: "P:all_proxy", ALL_PROXY: "P:ALL_PROXY" }, STS_HTTP, "all_proxy"],
  [{ HTTP_PROXY: "P:HTTP_PROXY", ALL_PROXY: "P:ALL_PROXY" }, STS_HTTP, "HTTP_PROXY"],
  [{ HTTPS_PROXY: '""', ALL_PROXY: "P:ALL_PROXY" }, STS, "ALL_PROXY"],
  [{ ALL_PROXY: "P:ALL_PROXY", NO_PROXY: "amazonaws.com" }, STS, undefined],
  // no_proxy before NO_PROXY; an empty one gives way.
  [{ HTTP_PROXY: "P:HTTP_PROXY", no_proxy: "example.com", NO_PROXY: "*" }, STS_HTTP, "HTTP_PROXY"],
  [{ HTTP_PROXY: "P:HTTP_PROXY", no_proxy: "", NO_PROXY: "*" }, STS_HTTP, undefined],
  [{ HTTP_PROXY: "P:HTTP_PROXY", no_proxy: "''", NO_PROXY: "*" }, STS_HTTP, undefined],
  // `*`, suffixes, leading dots and wildcards, case, spaces.
  via("*"),
  via("foo,*"),
  via("foo *"),
  via("* "),
  proxied("**"),
  proxied("*."),
  proxied("x*"),
  proxied("*amazonaws.com"),
  via("amazonaws.com"),
  via(".amazonaws.com"),
  via("*.amazonaws.com"),
  via("sts.us-east-1.amazonaws.com"),
  via(".sts.us-east-1.amazonaws.com"),
  via("*.sts.us-east-1.amazonaws.com"),
  via("amazonaws.com."),
  via("[amazonaws.com]"),
  via("AMAZONAWS.COM"),
  via("amazonaws.com", "http://STS.US-EAST-1.AMAZONAWS.COM/"),
  via("amazonaws.com", "http://sts.us-east-1.amazonaws.com./"),
  proxied("zonaws.com"),
  proxied("s3.amazonaws.com"),
  proxied("amazonaws.com/"),
  via(" amazonaws.com "),
  via("foo, amazonaws.com"),
  via("foo amazonaws.com"),
  via("foo\tamazonaws.com"),
  proxied("foo;amazonaws.com"),
  proxied("foo|amazonaws.com"),
  proxied("example.com,"),
  proxied(","),
  proxied(",example.com,,x"),
  // Ports: the URL's, 80 or 443 when it has none.
  via("amazonaws.com:80"),
  via("amazonaws.com:0080"),
  proxied("amazonaws.com:443"),
  via("amazonaws.com:443", STS),
  proxied("amazonaws.com:80", STS),
  proxied("amazonaws.com:*"),
  proxied("amazonaws.com:"),
  via("amazonaws.com:8080", "http://sts.us-east-1.amazonaws.com:8080/"),
  proxied("amazonaws.com:80", "http://sts.us-east-1.amazonaws.com:8080/"),
  // IP addresses and ranges match addresses only, as written (v4) or in any spelling (v6).
  via("127.0.0.1", LOOP),
  via("127.0.0.1:9", LOOP),
  proxied("127.0.0.1:80", LOOP),
  via("127.0.0.0/8", LOOP),
  via("127.0.0.1/32", LOOP),
  proxied("10.0.0.0/8", LOOP),
  proxied("127.0.0.1/33", LOOP),
  proxied("127.0.0.0/255.0.0.0", LOOP),
  proxied("127.0.0.", LOOP),
  proxied("0.0.1", LOOP),
  proxied("127.1", LOOP),
  proxied("127.0.0.01", LOOP),
  proxied("2130706433", LOOP),
  proxied("localhost", LOOP),
  proxied("::1", LOOP),
  proxied("::1/128", LOOP),
  via("::1", LOOP6),
  via("[::1]", LOOP6),
  via("0:0::1", LOOP6),
  via("::/0", LOOP6),
  via("[::1]:9", LOOP6),
  proxied("[::1]:8", LOOP6),
  proxied("localhost", LOOP6),
];

const filled = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v.replace(/P:(\w+)/, "http://127.0.0.1:3128")]),
  );

test.each(CASES.map((c, i) => [i, ...c] as const))(
  "case %d: %j to %s goes through %s",
  (_, env, url, expected) => {
    expect(proxyFor(filled(env), url)?.variable).toBe(expected);
  },
);

test("the NO_PROXY rules alone", () => {
  const url = new URL("https://sts.eu-west-1.amazonaws.com/");
  expect(noProxyExempts({ NO_PROXY: ".amazonaws.com" }, url)).toBe(true);
  expect(noProxyExempts({ NO_PROXY: "" }, url)).toBe(false);
  expect(noProxyExempts({}, url)).toBe(false);
});

test("the table agrees with the runtime's own fetch (network namespace, loopback only)", async () => {
  // unshare -n needs root (CI runs as root); -r maps the user to root in a user namespace.
  // Where neither may make a namespace (a container without the right), only the cases whose
  // URL is an IP address run for real: a name there would be looked up in DNS.
  const probe = `${import.meta.dir}/../support/proxy-probe.ts`;
  let table = CASES;
  const run = async (flags: string[]) => {
    const cases = JSON.stringify(table.map(([env, url]) => [env, url]));
    const command = flags.length
      ? ["unshare", ...flags, "sh", "-c", 'ip link set lo up && exec "$@"', "sh"]
      : [];
    const child = Bun.spawn(command.concat([process.execPath, probe, cases]), {
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: `${process.env.PATH}:/usr/sbin:/sbin` },
    });
    const [out, err] = [
      await new Response(child.stdout).text(),
      await new Response(child.stderr).text(),
    ];
    return { code: await child.exited, out, err };
  };
  let r = await run(["-n"]);
  if (r.code !== 0) r = await run(["-rn"]);
  if (r.code !== 0) {
    table = CASES.filter(([, url]) => /^https?:\/\/(\d|\[)/.test(url));
    console.log(
      `PARTLY SKIPPED: no network namespace here (${r.err.trim()}); only the ${table.length} cases on IP addresses ran through fetch, the names only through proxyFor`,
    );
    r = await run([]);
  }
  const seen = JSON.parse(r.out) as string[];
  const expected = table.map(([, , variable]) => variable ?? "direct");
  const rows = table.map((c, i) => `${JSON.stringify(c[0])} ${c[1]}: ${seen[i]}`);
  expect(rows).toEqual(table.map((c, i) => `${JSON.stringify(c[0])} ${c[1]}: ${expected[i]}`));
}, 60_000);
