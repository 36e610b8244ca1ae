/**
 * Opens a URL that holds a secret in the browser without putting it on any program's argv
 * (other users can read argv): the browser is sent to a one-time address on 127.0.0.1, which
 * redirects it to the real URL once and then stops listening.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Deps } from "../../deps.ts";
import { UserError } from "../../errors.ts";

export const DEFAULT_OPEN_TIMEOUT_MS = 60_000;

/** The program that opens a URL here: $BROWSER, else the platform's opener. Pure. */
export function browserCommand(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  url: string,
): [string, ...string[]] {
  const chosen = env.BROWSER?.trim();
  if (chosen) return [chosen, url];
  if (platform === "darwin") return ["open", url];
  // rundll32 takes the URL as it is; `cmd /c start` would read & in it as a command separator.
  if (platform === "win32") return ["rundll32", "url.dll,FileProtocolHandler", url];
  return ["xdg-open", url];
}

export async function openInBrowser(
  secretUrl: string,
  deps: Pick<Deps, "exec" | "env" | "platform">,
  timeoutMs = DEFAULT_OPEN_TIMEOUT_MS,
): Promise<void> {
  const nonce = randomBytes(24).toString("base64url");
  let fetched: () => void = () => {};
  const wasFetched = new Promise<"fetched">((resolve) => {
    fetched = () => resolve("fetched");
  });
  const server = createServer((req, res) => {
    if (req.url !== `/${nonce}`) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(302, {
        Location: secretUrl,
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
      })
      .end();
    fetched();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const [program, ...args] = browserCommand(
    deps.platform,
    deps.env,
    `http://127.0.0.1:${port}/${nonce}`,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const opener = deps.exec(program, args, { env: deps.env }).then((result) => {
      if (result.spawnError) throw noOpener(program);
      // Openers usually return at once and leave the browser running; a failure is final.
      if (result.code !== 0) throw openerFailed(program, result.code);
      return new Promise<never>(() => {});
    });
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const outcome = await Promise.race([wasFetched, opener, timeout]);
    if (outcome === "timeout") {
      throw new UserError(
        `The browser did not open the sign-in link within ${Math.round(timeoutMs / 1000)} s.`,
        { hint: "Print it instead and open it yourself: awsmfa console PROFILE --print" },
      );
    }
  } finally {
    clearTimeout(timer);
    server.closeAllConnections?.();
    server.close();
  }
}

function noOpener(program: string): UserError {
  return new UserError(`Cannot open a browser: "${program}" is not installed.`, {
    hint: "Set BROWSER to your browser's command, or print the link and open it yourself: awsmfa console PROFILE --print",
  });
}

function openerFailed(program: string, code: number | null): UserError {
  return new UserError(
    `Cannot open a browser: "${program}" failed (exit ${code ?? "by signal"}).`,
    {
      hint: "Set BROWSER to your browser's command, or print the link and open it yourself: awsmfa console PROFILE --print",
    },
  );
}
