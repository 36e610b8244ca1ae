/**
 * A throwaway X display (Xvfb) for tests of the desktop code dialog, driven with xdotool, and
 * screenshots of it (xwd + ImageMagick) saved as artifacts for a person to look at:
 * $AWSMFA_ARTIFACTS, else dist/artifacts/ in the repository.
 */
import { afterAll, beforeAll } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const X_TOOLS = ["Xvfb", "xdotool", "zenity", "xwd", "convert"] as const;

/** The X tools that are missing (empty when the dialog tests can run). */
export function missingXTools(): string[] {
  return X_TOOLS.filter((tool) => !Bun.which(tool));
}

/**
 * One display for the tests of a file: started in beforeAll, stopped in afterAll. Without the
 * X tools it says so loudly (what is skipped, what is missing) and starts nothing; the caller skips on
 * `missing`. `name()` is the display's ":N".
 */
export function useXvfb(what: string): { missing: string[]; name: () => string } {
  const missing = missingXTools();
  if (missing.length > 0) {
    console.log(
      `SKIPPED: ${what}: missing ${missing.join(", ")} (apt: xvfb xdotool zenity x11-apps imagemagick)`,
    );
  }
  let display: Display | undefined;
  beforeAll(async () => {
    if (missing.length === 0) display = await startXvfb();
  });
  afterAll(async () => {
    await display?.stop();
  });
  return { missing, name: () => display!.name };
}

export interface Display {
  /** ":N" */
  name: string;
  stop(): Promise<void>;
}

export async function startXvfb(): Promise<Display> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = 100 + Math.floor(Math.random() * 800);
    if (existsSync(`/tmp/.X${n}-lock`) || existsSync(`/tmp/.X11-unix/X${n}`)) continue;
    const child = Bun.spawn(["Xvfb", `:${n}`, "-screen", "0", "800x600x24", "-nolisten", "tcp"], {
      stdout: "ignore",
      stderr: "pipe",
    });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (existsSync(`/tmp/.X11-unix/X${n}`)) {
        return {
          name: `:${n}`,
          stop: async () => {
            child.kill();
            await child.exited;
          },
        };
      }
      await Bun.sleep(50);
    }
    child.kill();
    await child.exited;
  }
  throw new Error("could not start Xvfb on a free display");
}

async function run(args: string[], display: string) {
  const child = Bun.spawn(args, {
    env: { ...process.env, DISPLAY: display },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, out, err] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, out, err };
}

/** Waits for a window whose title matches `name`; its id. */
export async function waitForWindow(display: string, name: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await run(["xdotool", "search", "--onlyvisible", "--name", name], display);
    const id = found.out.trim().split("\n")[0];
    if (found.code === 0 && id) return id;
    await Bun.sleep(100);
  }
  throw new Error(`no window named ${name} appeared on ${display} within ${timeoutMs} ms`);
}

/** Waits until no visible window has this title (the dialog was answered and closed). */
export async function waitForNoWindow(display: string, name: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await run(["xdotool", "search", "--onlyvisible", "--name", name], display);
    if (found.out.trim() === "") return;
    await Bun.sleep(50);
  }
  throw new Error(`the window named ${name} on ${display} did not close within ${timeoutMs} ms`);
}

/** Focuses the window, then types text and presses keys (xdotool names: Return, Escape). */
export async function typeInto(display: string, window: string, text: string, ...keys: string[]) {
  await run(["xdotool", "windowfocus", "--sync", window], display);
  if (text) await run(["xdotool", "type", "--delay", "20", text], display);
  for (const key of keys) await run(["xdotool", "key", key], display);
}

/** Where screenshots go; made on demand. */
export function artifactsDir(): string {
  const dir =
    process.env.AWSMFA_ARTIFACTS ?? resolve(import.meta.dir, "..", "..", "dist", "artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Saves the whole screen as PNG in the artifacts folder; its path. */
export async function screenshot(display: string, fileName: string): Promise<string> {
  const path = join(artifactsDir(), fileName);
  let shot = { code: 1, out: "", err: "" };
  // A window being mapped at that very moment can make xwd fail; a moment later it is fine.
  for (let tries = 0; tries < 3 && shot.code !== 0; tries++) {
    if (tries > 0) await Bun.sleep(300);
    shot = await run(
      ["sh", "-c", 'xwd -root -silent -display "$DISPLAY" | convert xwd:- "png:$0"', path],
      display,
    );
  }
  if (shot.code !== 0 || !existsSync(path))
    throw new Error(`screenshot of ${display} failed: ${shot.err}`);
  return path;
}
