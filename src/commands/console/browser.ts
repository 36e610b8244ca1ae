/**
 * Opens a URL that holds a secret in the browser without putting it on any program's argv
 * (other users can read argv): the browser is sent to a one-time address on 127.0.0.1, which
 * redirects our own user's browser to the real URL once and then stops listening
 * (one-time-link.ts). On Linux the opener gets that address, and other users' requests for it
 * are refused by socket owner; elsewhere it gets a private page that leads there
 * (handoff-page.ts). Success is reported only when our browser got the redirect; every other
 * end (no opener, a failed opener, the deadline) is an error that says to use --print.
 */
import type { Deps } from "../../deps.ts";
import { pasteable, UserError } from "../../errors.ts";
import type { PeerVerdict } from "../../system/loopback-peer.ts";
import { printableInLine } from "../../system/printable.ts";
import { timerMs } from "../../system/timer-ms.ts";
import { findProgram } from "../../system/which.ts";
import type { HandoffPage, writeHandoffPage } from "./handoff-page.ts";

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

/**
 * Refuses, before a session is made and a code asked for, an opener that is not there: a
 * bare name not on PATH, or a full path that is no program (what the spawn after the session
 * would find, exit 3 as then). A relative path (./open), or no PATH at all (where the spawn
 * would look in its own default folders), is left to the spawn.
 */
export async function checkOpener(
  profile: string,
  deps: Pick<Deps, "env" | "platform" | "fs" | "homedir">,
): Promise<void> {
  const [program] = browserCommand(deps.platform, deps.env, "");
  const windows = deps.platform === "win32";
  const pathVar = deps.env.PATH; // On Windows too (system/windows-env.ts)
  const bare = !program.includes("/") && !(windows && program.includes("\\"));
  const absolute = /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(program);
  if (bare ? !pathVar : !absolute) return;
  if ((await findProgram(program, deps)) === undefined) throw noOpener(program, profile);
}

export async function openInBrowser(
  secretUrl: string,
  profile: string,
  deps: Pick<Deps, "exec" | "env" | "platform" | "fs" | "uid" | "homedir" | "io">,
  timeoutMs = DEFAULT_OPEN_TIMEOUT_MS,
): Promise<void> {
  // Each kind of refusal is said once: a flood of requests must not flood the terminal.
  const said = new Set<string>();
  // Loaded when a browser is opened, not with the command's definition: node:http and
  // node:crypto cost ~4 ms of every `--help` and shell-init (docs/performance.md).
  const { startOneTimeLink } = await import("./one-time-link.ts");
  const link = await startOneTimeLink(secretUrl, deps, (verdict) => {
    const note = refusalNote(verdict);
    if (said.has(note)) return;
    said.add(note);
    deps.io.stderr.write(`${note}\n`);
  });
  let page: HandoffPage | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (deps.platform !== "linux") page = await handoffPage(link.url, profile, deps);
    const [program, ...args] = browserCommand(deps.platform, deps.env, page?.path ?? link.url);
    const opener = deps.exec(program, args, { env: deps.env }).then((result) => {
      if (result.spawnError) throw noOpener(program, profile);
      // Openers usually return at once and leave the browser running; a failure is final.
      if (result.code !== 0) throw openerFailed(program, result.code, profile);
      return new Promise<never>(() => {});
    });
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timerMs(timeoutMs));
    });
    const outcome = await Promise.race([link.redeemed, opener, timeout]);
    if (outcome === "timeout") throw notOpened(timeoutMs, link.refusals(), profile);
  } finally {
    clearTimeout(timer);
    link.close();
    await page?.remove();
  }
}

/** Said at once, while still waiting: the user learns that someone else wanted the link. */
function refusalNote(verdict: Exclude<PeerVerdict, { kind: "ours" }>): string {
  const who =
    verdict.kind === "other"
      ? `a program of another user of this computer (uid ${verdict.uid})`
      : `a program whose user could not be checked (${verdict.why})`;
  return `Refused the sign-in link to ${who}; still waiting for your browser.`;
}

async function handoffPage(
  address: string,
  profile: string,
  deps: Parameters<typeof writeHandoffPage>[1],
) {
  const { writeHandoffPage } = await import("./handoff-page.ts");
  try {
    return await writeHandoffPage(address, deps);
  } catch (error) {
    throw new UserError("Cannot write the page that opens the console in your browser.", {
      hint: `Check that your temp folder (TMPDIR or TEMP) is writable, or print the link and open it yourself: ${printCommand(profile)}`,
      cause: error,
    });
  }
}

function printCommand(profile: string): string {
  return `awsmfa console ${pasteable(profile)} --print`;
}

function notOpened(timeoutMs: number, refusals: number, profile: string): UserError {
  const seconds = Math.round(timeoutMs / 1000);
  const message =
    refusals > 0
      ? `Your browser did not open the sign-in link within ${seconds} s; it was refused ${refusals === 1 ? "once" : `${refusals} times`} to programs not known to be yours (see above).`
      : `The browser did not open the sign-in link within ${seconds} s.`;
  return new UserError(message, {
    hint: `Print it instead and open it yourself: ${printCommand(profile)}`,
    code: "config",
  });
}

function noOpener(program: string, profile: string): UserError {
  return new UserError(`Cannot open a browser: "${printableInLine(program)}" is not installed.`, {
    hint: `Set BROWSER to your browser's command, or print the link and open it yourself: ${printCommand(profile)}`,
  });
}

function openerFailed(program: string, code: number | null, profile: string): UserError {
  return new UserError(
    `Cannot open a browser: "${printableInLine(program)}" failed (exit ${code ?? "by signal"}).`,
    {
      hint: `Set BROWSER to your browser's command, or print the link and open it yourself: ${printCommand(profile)}`,
    },
  );
}
