/**
 * Builds the standalone binaries into dist/:
 *   bun build.ts          every target: the raw binaries, the compressed assets users download
 *                         (awsmfa-<os>-<arch>.tar.gz; Windows: awsmfa-windows-x64.zip, each with
 *                         the binary, LICENSE, README.md and the man page awsmfa.1 at the top), dist/SHA256SUMS
 *                         (sha256sum format) over all of them
 *                         and from those sums the Homebrew formula dist/awsmfa.rb and the
 *                         Scoop manifest dist/awsmfa.json (scripts/release/managers.ts)
 *   bun build.ts --npm    the same, plus the npm packages' tarballs in dist/npm/
 *                         (scripts/release/npm/packages.ts)
 *   bun build.ts --npm-only   only the npm tarballs, from the binaries already in dist/
 *   bun build.ts --host   only this machine's binary, as dist/awsmfa (fast; used by tests)
 *   bun build.ts --host --outfile PATH
 *   bun build.ts --host --no-fast-path --outfile PATH   without the cached fast path
 *                         (src/commands/fast/): what CI runs the e2e tests against as well,
 *                         to prove both paths behave the same (.ci/stages/60-full-path.sh)
 *   bun build.ts --host --outfile PATH --entry FILE   another entry point than src/main.ts
 *                         (tests/support/fault-main.ts: the crash tests' own binary)
 * Every build but --npm-only first checks that src/shell/built-extras.generated.json (what
 * shell-init prints for Tab completion) is what today's commands render, and stops if not
 * (scripts/build/shell-extras.ts regenerates it).
 * Version and commit are embedded with --define; the runtime for other targets comes from the
 * npm registry (bun fetches it on first use and caches it).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import pkg from "./package.json" with { type: "json" };
import { BUILD_TSCONFIG } from "./scripts/build/build-tsconfig.ts";
import { fastEntry } from "./scripts/build/fast-entry.ts";
import { staleExtras } from "./scripts/build/shell-extras.ts";
import { type Entry, tarGz, zip } from "./scripts/release/archive.ts";
import { manualSections, renderManPage } from "./scripts/release/man-page.ts";
import { formula, parseSums, scoopManifest } from "./scripts/release/managers.ts";
import { writeNpmPackages } from "./scripts/release/npm/packages.ts";
import { RUN_ONCE_JIT_POLICY } from "./src/system/jit-policy.ts";

export interface Target {
  target: string;
  /** Node's names (process.platform, process.arch), as npm's os/cpu fields use them. */
  platform: "linux" | "darwin" | "win32";
  arch: "x64" | "arm64";
  /** The raw binary in dist/. */
  file: string;
  /** The compressed asset in dist/: what the installers download. */
  archive: string;
  /** The binary's name inside the archive. */
  exe: string;
}

const target = (platform: Target["platform"], arch: Target["arch"]): Target => {
  const os = platform === "win32" ? "windows" : platform;
  const windows = platform === "win32";
  return {
    target: `bun-${os}-${arch}`,
    platform,
    arch,
    file: `awsmfa-${os}-${arch}${windows ? ".exe" : ""}`,
    archive: `awsmfa-${os}-${arch}${windows ? ".zip" : ".tar.gz"}`,
    exe: windows ? "awsmfa.exe" : "awsmfa",
  };
};

export const TARGETS: readonly Target[] = [
  target("linux", "x64"),
  target("linux", "arm64"),
  target("darwin", "x64"),
  target("darwin", "arm64"),
  target("win32", "x64"),
];

const root = import.meta.dir;
const dist = join(root, "dist");

function gitCommit(): string {
  const head = Bun.spawnSync(["git", "rev-parse", "--short=12", "HEAD"], { cwd: root });
  if (head.exitCode !== 0) return "unknown";
  const dirty = Bun.spawnSync(["git", "status", "--porcelain", "--untracked-files=no"], {
    cwd: root,
  });
  const suffix = dirty.stdout.toString().trim() === "" ? "" : "-dirty";
  return head.stdout.toString().trim() + suffix;
}

/**
 * The keychain addon (@napi-rs/keyring) each target embeds: AWSMFA_KEYRING_ADDON picks the one
 * static require in src/keys/keychain-addon.ts, so a binary holds its own .node file only.
 */
const KEYRING_ADDONS: Record<string, { key: string; pkg: string }> = {
  "bun-linux-x64": { key: "linux-x64", pkg: "linux-x64-gnu" },
  "bun-linux-arm64": { key: "linux-arm64", pkg: "linux-arm64-gnu" },
  "bun-darwin-x64": { key: "darwin-x64", pkg: "darwin-x64" },
  "bun-darwin-arm64": { key: "darwin-arm64", pkg: "darwin-arm64" },
  "bun-windows-x64": { key: "windows-x64", pkg: "win32-x64-msvc" },
};

function hostTarget(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  return `bun-${os}-${process.arch}`;
}

/**
 * npm installs only this machine's addon package; the others come from the npm registry with
 * `npm pack` (same version as @napi-rs/keyring) and are unpacked into node_modules.
 */
function ensureKeyringAddon(target: string): string | undefined {
  const addon = KEYRING_ADDONS[target];
  if (!addon) return undefined;
  const folder = join(root, "node_modules", "@napi-rs", `keyring-${addon.pkg}`);
  if (existsSync(join(folder, "package.json"))) return addon.key;
  const version = JSON.parse(
    readFileSync(join(root, "node_modules", "@napi-rs", "keyring", "package.json"), "utf8"),
  ).version as string;
  const scratch = mkdtempSync(join(tmpdir(), "awsmfa-keyring-"));
  try {
    const name = `@napi-rs/keyring-${addon.pkg}@${version}`;
    const pack = Bun.spawnSync(["npm", "pack", "--silent", name], { cwd: scratch });
    const file = pack.stdout.toString().trim().split("\n").at(-1) ?? "";
    if (pack.exitCode !== 0 || !file) throw new Error(`npm pack ${name} failed: ${pack.stderr}`);
    mkdirSync(folder, { recursive: true });
    const untar = Bun.spawnSync([
      "tar",
      "xzf",
      join(scratch, file),
      "-C",
      folder,
      "--strip-components=1",
    ]);
    if (untar.exitCode !== 0) throw new Error(`unpacking ${file} failed: ${untar.stderr}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return addon.key;
}

/** See --bytecode-order below. */
const BYTECODE_ORDER = join(root, "scripts", "bytecode-order.txt");

async function compile(
  target: string | undefined,
  outfile: string,
  define: string,
  fastPath = true,
  entry = join(root, "src", "main.ts"),
): Promise<void> {
  const addon = ensureKeyringAddon(target ?? hostTarget());
  const args = [
    process.execPath,
    "build",
    "--compile",
    // ESM with code splitting keeps the AWS SDK and the prompts in chunks that load only when
    // a command needs them: `--version` and a cached login start in about half the time.
    "--format=esm",
    "--splitting",
    // The AWS SDK's ES modules, not its CommonJS builds: @smithy/core and @aws-sdk/core choose
    // CommonJS for the "node" condition, which Bun resolves before "module", and CommonJS is
    // bundled whole and evaluated eagerly. The ES modules halve loading the SDK (a fresh login
    // -7 ms). Only SDK packages offer the condition.
    "--conditions=module",
    // The AWS SDK's import of its Node request handler goes to aws/sdk-transport-stand-in.ts:
    // awsmfa gives it a handler on fetch, and the package would load node:http and https.
    `--tsconfig-override=${BUILD_TSCONFIG}`,
    "--minify",
    "--bytecode",
    // A compiled Bun program reads .env and bunfig.toml from the current folder by default:
    // a stray .env could set AWS_PROFILE or AWSMFA_* behind the user's back, and looking costs
    // ~0.5 ms of every run.
    "--no-compile-autoload-dotenv",
    "--no-compile-autoload-bunfig",
    // The cached fast path runs its code once: with JIT tier-up 4x as reluctant, JavaScriptCore
    // spends no time compiling it (~1 ms of a cached login). main.ts sets the full CLI's start-up
    // and each command's action their own (src/system/jit-policy.ts): long runs (list, 100k
    // profiles) get the normal JIT back.
    `--compile-jit-policy=${RUN_ONCE_JIT_POLICY}`,
    // The bytecode the cached paths run, then what a fresh login runs besides (recorded by
    // scripts/bytecode-order.ts) is laid out together at the front: -2 MiB of a cached login's
    // RSS, -1 MiB of prompt's, -2.5 MiB of a fresh login's, ~0.2 ms. A stale profile still
    // applies; a missing one is skipped.
    ...(existsSync(BYTECODE_ORDER) ? [`--bytecode-order=${BYTECODE_ORDER}`] : []),
    ...(target ? [`--target=${target}`] : []),
    "--define",
    `AWSMFA_BUILD=${define}`,
    "--define",
    `AWSMFA_FAST_PATH=${fastPath}`,
    ...(addon ? ["--define", `AWSMFA_KEYRING_ADDON=${JSON.stringify(addon)}`] : []),
    entry,
    "--outfile",
    outfile,
  ];
  const child = Bun.spawn(args, { cwd: root, stdout: "pipe", stderr: "pipe" });
  const [code, out, err] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  if (code !== 0) throw new Error(`bun build for ${target ?? "host"} failed:\n${out}${err}`);
  console.error(`built ${outfile}`);
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** The files that travel next to the binary in every archive. */
function extras(): Entry[] {
  const files = ["LICENSE", "README.md"].map((name) => join(root, name));
  files.push(join(dist, "awsmfa.1"));
  return files.map((path) => ({ name: basename(path), data: readFileSync(path), mode: 0o644 }));
}

async function pack(t: Target): Promise<void> {
  const entries = [
    { name: t.exe, data: readFileSync(join(dist, t.file)), mode: 0o755 },
    ...extras(),
  ];
  const bytes = t.platform === "win32" ? await zip(entries) : await tarGz(entries);
  writeFileSync(join(dist, t.archive), bytes);
  console.error(`packed dist/${t.archive}`);
}

/**
 * Runs `work` with the entry point to compile: src/main.ts with the fast path's lean tiers
 * bundled beforehand (scripts/build/fast-entry.ts), in a scratch folder removed afterwards.
 */
async function withFastEntry(work: (entry: string) => Promise<void>): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "awsmfa-entry-"));
  try {
    await work(await fastEntry(join(root, "src"), scratch));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function build(argv: string[]): Promise<void> {
  const define = JSON.stringify({ version: pkg.version, commit: gitCommit() });
  mkdirSync(dist, { recursive: true });
  const meta = { version: pkg.version, description: pkg.description, license: pkg.license };
  if (argv.includes("--npm-only")) {
    await writeNpmPackages(TARGETS, meta, root, dist);
    return;
  }
  // shell-init prints Tab completion rendered ahead of time: a binary must not ship text that
  // misses a command or flag (src/shell/built-extras.ts).
  const stale = await staleExtras();
  if (stale) throw new Error(stale);
  if (argv.includes("--host")) {
    const at = argv.indexOf("--outfile");
    const outfile = at >= 0 && argv[at + 1] ? argv[at + 1]! : join(dist, "awsmfa");
    const entry = argv.indexOf("--entry");
    const fastPath = !argv.includes("--no-fast-path");
    // Another entry point (the crash tests') and the build without the fast path: as written.
    if (entry >= 0 || !fastPath) {
      await compile(undefined, outfile, define, fastPath, entry >= 0 ? argv[entry + 1] : undefined);
    } else {
      await withFastEntry((main) => compile(undefined, outfile, define, true, main));
    }
    return;
  }
  const manual = renderManPage(await manualSections(pkg.version), pkg.version, pkg.description);
  writeFileSync(join(dist, "awsmfa.1"), manual);
  // Two at a time: these machines have two cores.
  const queue = [...TARGETS];
  const worker = async (main: string) => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await compile(next.target, join(dist, next.file), define, true, main);
      await pack(next);
    }
  };
  // Unpack every addon first: two parallel `npm pack` runs of the same package would collide.
  for (const { target } of TARGETS) ensureKeyringAddon(target);
  await withFastEntry(async (main) => {
    await Promise.all([worker(main), worker(main)]);
  });
  const assets = TARGETS.flatMap((t) => [t.file, t.archive]);
  const sums = assets.map((file) => `${sha256(join(dist, file))}  ${basename(file)}\n`).join("");
  writeFileSync(join(dist, "SHA256SUMS"), sums);
  console.error("wrote dist/SHA256SUMS");
  const parsed = parseSums(sums);
  writeFileSync(join(dist, "awsmfa.rb"), formula(meta, parsed));
  writeFileSync(join(dist, "awsmfa.json"), scoopManifest(meta, parsed));
  console.error("wrote dist/awsmfa.rb (Homebrew) and dist/awsmfa.json (Scoop)");
  if (argv.includes("--npm")) await writeNpmPackages(TARGETS, meta, root, dist);
}

if (import.meta.main) {
  await build(process.argv.slice(2));
}
