/**
 * Hands the one-time address to the browser without any argv (macOS, Windows, BSDs): where
 * awsmfa cannot ask the kernel who is connecting (system/loopback-peer.ts is Linux only), the
 * address itself must stay secret. The opener gets the path of a small HTML page instead, in a
 * fresh folder only we can read (0700, the page 0600, under the per-user temp folder: TMPDIR on
 * macOS, %TEMP% in the Windows profile); the page sends the browser on to the address. Another
 * user sees the path on argv but cannot read the page.
 *
 * Not used on Linux: snap and flatpak browsers cannot read files in hidden or temp folders,
 * and there the kernel's socket owner is a stronger control anyway.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Deps } from "../../deps.ts";

export interface HandoffPage {
  /** What the opener is given: the page's path. */
  path: string;
  remove(): Promise<void>;
}

export async function writeHandoffPage(
  address: string,
  deps: Pick<Deps, "fs" | "env" | "homedir">,
): Promise<HandoffPage> {
  const base = deps.env.TMPDIR || deps.env.TEMP || deps.env.TMP || deps.homedir;
  const folder = join(base, `awsmfa-console-${randomBytes(12).toString("hex")}`);
  // mkdir never follows a planted symlink at the new name: it fails with EEXIST instead.
  await deps.fs.mkdir(folder, { mode: 0o700 });
  const path = join(folder, "open-aws-console.html");
  // The page, then its folder: unlink and rmdir, what every platform does reliably (Bun's
  // recursive rm leaves the folder behind under Wine); rm for anything else put there.
  const remove = async () => {
    await deps.fs.unlink(path).catch(() => {});
    await deps.fs.rmdir(folder).catch(() => deps.fs.rm(folder, { recursive: true, force: true }));
  };
  try {
    await deps.fs.chmod(folder, 0o700); // against a umask that took bits we did not ask for
    await deps.fs.writeFile(path, pageFor(address), { mode: 0o600, flag: "wx" });
  } catch (error) {
    await remove();
    throw error;
  }
  return { path, remove };
}

/** The page: a redirect in every way a browser may honour one, and a link as the last resort. */
export function pageFor(address: string): string {
  return [
    "<!doctype html>",
    "<meta charset=utf-8>",
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${address}">`,
    "<title>Opening the AWS console</title>",
    `<script>location.replace(${JSON.stringify(address)})</script>`,
    `<p>Opening the AWS console... <a href="${address}">continue</a></p>`,
    "",
  ].join("\n");
}
