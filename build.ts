/**
 * Builds the standalone binaries into dist/:
 *   bun build.ts          every target, plus dist/SHA256SUMS (sha256sum format)
 *   bun build.ts --host   only this machine's binary, as dist/awsmfa (fast; used by tests)
 *   bun build.ts --host --outfile PATH
 * Version and commit are embedded with --define; the runtime for other targets comes from the
 * npm registry (bun fetches it on first use and caches it).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import pkg from "./package.json" with { type: "json" };

export const TARGETS = [
  { target: "bun-linux-x64", file: "awsmfa-linux-x64" },
  { target: "bun-linux-arm64", file: "awsmfa-linux-arm64" },
  { target: "bun-darwin-x64", file: "awsmfa-darwin-x64" },
  { target: "bun-darwin-arm64", file: "awsmfa-darwin-arm64" },
  { target: "bun-windows-x64", file: "awsmfa-windows-x64.exe" },
] as const;

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

async function compile(target: string | undefined, outfile: string, define: string): Promise<void> {
  const args = [
    process.execPath,
    "build",
    "--compile",
    // ESM with code splitting keeps the AWS SDK and the prompts in chunks that load only when
    // a command needs them: `--version` and a cached login start in about half the time.
    "--format=esm",
    "--splitting",
    "--minify",
    "--bytecode",
    ...(target ? [`--target=${target}`] : []),
    "--define",
    `AWSMFA_BUILD=${define}`,
    join(root, "src", "main.ts"),
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

export async function build(argv: string[]): Promise<void> {
  const define = JSON.stringify({ version: pkg.version, commit: gitCommit() });
  mkdirSync(dist, { recursive: true });
  if (argv.includes("--host")) {
    const at = argv.indexOf("--outfile");
    const outfile = at >= 0 && argv[at + 1] ? argv[at + 1]! : join(dist, "awsmfa");
    await compile(undefined, outfile, define);
    return;
  }
  // Two at a time: these machines have two cores.
  const queue = [...TARGETS];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await compile(next.target, join(dist, next.file), define);
    }
  };
  await Promise.all([worker(), worker()]);
  const sums = TARGETS.map((t) => `${sha256(join(dist, t.file))}  ${basename(t.file)}\n`).join("");
  writeFileSync(join(dist, "SHA256SUMS"), sums);
  console.error("wrote dist/SHA256SUMS");
}

if (import.meta.main) {
  await build(process.argv.slice(2));
}
