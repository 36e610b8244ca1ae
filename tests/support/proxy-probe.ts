/**
 * Run by tests/system/proxy-env.test.ts inside a network namespace that has only loopback
 * (`unshare -n`): for each case, sets the proxy variables, fetches the URL with the runtime's
 * own fetch and prints which recording proxy (one per variable) saw the request, or "direct".
 * A direct request to a name fails at DNS there, so nothing leaves the machine.
 * argv[2]: JSON [[env, url], ...], where "P:<variable>" in a value is that variable's proxy.
 */
import net from "node:net";

const NAMES = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"];
const cases = JSON.parse(process.argv[2] ?? "[]") as Array<[Record<string, string>, string]>;
let seenBy: string | undefined;

const servers = NAMES.map((name) =>
  net.createServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", () => {
      seenBy = name;
      socket.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    });
  }),
);
const ports = await Promise.all(
  servers.map(
    (server) =>
      new Promise<number>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
      ),
  ),
);
const results: string[] = [];
for (const [env, url] of cases) {
  for (const name of [...NAMES, "no_proxy", "NO_PROXY"]) delete process.env[name];
  for (const [name, value] of Object.entries(env)) {
    process.env[name] = value.replace(
      /P:(\w+)/,
      (_, variable: string) => `http://127.0.0.1:${ports[NAMES.indexOf(variable)]}`,
    );
  }
  seenBy = undefined;
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
  } catch {}
  results.push(seenBy ?? "direct");
}
for (const server of servers) server.close();
console.log(JSON.stringify(results));
