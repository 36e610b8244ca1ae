/**
 * The reuse guard. AWS accepts each code of a device once, and a code lives for a 30-second
 * window. Two logins in one window with an automatic source (two profiles sharing a device,
 * back to back) would send the same code twice, and AWS would refuse the second. So awsmfa
 * remembers, per device, the window of the last code AWS accepted (a small file in the cache
 * folder) and, before asking an automatic source in that same window, waits for the next one.
 *
 * Windows are counted on this computer's clock, as the password managers and the YubiKey count
 * them. A code's window is taken when the source answered: never earlier than the code's own,
 * so the guard errs on the side of waiting.
 */

import { dirname, join } from "node:path";
import { CACHE_FILE_OPTIONS } from "../config/cache-file-write.ts";
import { checkCacheFolder, readCacheFile } from "../config/cache-folder.ts";
import { cacheDir } from "../config/paths.ts";
import type { Deps } from "../deps.ts";
import { fileOptionsFrom, updateFile } from "../fs/index.ts";
import { sha256Hex } from "../system/hashes.ts";
import { OWN_ESC, printableInLine } from "../system/printable.ts";
import { shortDevice } from "./notice.ts";

export const WINDOW_MS = 30_000;
/** Wait a little past the boundary, so a source whose clock lags a moment has moved on too. */
const MARGIN_MS = 1000;
const FORMAT = 1;

type GuardDeps = Pick<
  Deps,
  | "env"
  | "homedir"
  | "platform"
  | "fs"
  | "clock"
  | "processes"
  | "hooks"
  | "terminal"
  | "io"
  | "uid"
  | "gid"
  | "onInterrupt"
>;

interface WindowFile {
  format: number;
  serial: string;
  /** The last window (ms since the epoch / 30 000) from which AWS accepted a code. */
  window: number;
}

export function windowAt(ms: number): number {
  return Math.floor(ms / WINDOW_MS);
}

export function windowFilePath(deps: Pick<Deps, "env" | "homedir" | "platform">, serial: string) {
  const digest = sha256Hex(serial).slice(0, 40);
  return join(cacheDir(deps.env, deps.homedir, deps.platform), "code-windows", `${digest}.json`);
}

/** The window of the last code AWS accepted for this device, if awsmfa knows it. */
export async function lastUsedWindow(
  deps: Pick<GuardDeps, "env" | "homedir" | "platform" | "fs" | "uid" | "gid">,
  serial: string,
): Promise<number | undefined> {
  return parse(await readCacheFile(deps, windowFilePath(deps, serial)), serial);
}

/**
 * What recordUsedWindow will need, begun while AWS answers (obtain.ts): the record's path (a
 * SHA-256 of the serial) and a look at its folder, whose pass the write's own check then
 * finds (Deps.folderChecks). Read-only: a missing folder is made by the write, as before.
 * Returns the path, for the write.
 */
export function prepareWindowRecord(deps: GuardDeps, serial: string): string {
  const path = windowFilePath(deps, serial);
  checkCacheFolder(deps, dirname(path), false).catch(() => false); // the write judges again
  return path;
}

/**
 * Remembers that AWS accepted a code of `window`; a later window already recorded stays.
 * `path`: the record's, as prepareWindowRecord gave it.
 */
export async function recordUsedWindow(
  deps: GuardDeps,
  serial: string,
  window: number,
  path = windowFilePath(deps, serial),
): Promise<void> {
  const render = (current: string | null) => {
    const known = current === null ? undefined : parse(current, serial);
    if (known !== undefined && known >= window) return current!;
    const data: WindowFile = { format: FORMAT, serial, window };
    return `${JSON.stringify(data)}\n`;
  };
  await checkCacheFolder(deps, dirname(path), true);
  // A window is 30 s, a reboot longer: the record need not survive a power cut.
  await updateFile(deps.fs, path, render, { ...fileOptionsFrom(deps), ...CACHE_FILE_OPTIONS });
}

/**
 * Returns once a code from now on cannot be one AWS has already accepted (or refused, for
 * `refused`): at once when this window is fresh, else after a countdown to the next one.
 */
export async function waitForUnusedWindow(
  deps: GuardDeps,
  serial: string,
  refused?: number,
): Promise<void> {
  const now = windowAt(deps.clock.now());
  const recorded = (await lastUsedWindow(deps, serial)) ?? -1;
  // A window past the next one was never a code's (a clock set back, a damaged record): waiting
  // for it would be waiting for ever.
  const used = Math.max(recorded > now + 1 ? -1 : recorded, refused ?? -1);
  if (now > used) return;
  const reason =
    refused !== undefined && refused >= used
      ? "AWS refused that code."
      : `The current code of ${printableInLine(shortDevice(serial))} was already used.`;
  await countdown(deps, (used + 1) * WINDOW_MS + MARGIN_MS, reason);
}

/** On a terminal, a live countdown on one line; else one line on stderr, then the wait. */
async function countdown(deps: GuardDeps, until: number, reason: string): Promise<void> {
  const left = () => until - deps.clock.now();
  const seconds = () => Math.ceil(left() / 1000);
  const terminal = deps.terminal();
  if (!terminal) {
    deps.io.stderr.write(`${reason} Waiting ${seconds()}s for the next code...\n`);
    await deps.clock.sleep(left());
    return;
  }
  while (left() > 0) {
    terminal.write(`\r${OWN_ESC}[K${reason} Waiting ${seconds()}s for the next code...`);
    await deps.clock.sleep(left() % 1000 || 1000);
  }
  terminal.write(`\r${OWN_ESC}[K`);
}

function parse(text: string, serial: string): number | undefined {
  try {
    const data = JSON.parse(text) as Partial<WindowFile>;
    if (data.format !== FORMAT || data.serial !== serial) return undefined;
    return Number.isSafeInteger(data.window) ? data.window : undefined;
  } catch {
    // A damaged file only costs the guard for one login.
    return undefined;
  }
}
