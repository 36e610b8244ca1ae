/**
 * The npm packages, the way esbuild, Biome and turbo ship native binaries: a main package
 * `awsmfa` whose `bin` is a small launcher (launcher.cjs), and one package per target
 * (@awsmfa/linux-x64, ...) holding the binary, listed as optionalDependencies with os/cpu
 * fields so npm installs only the one that fits. No install scripts, no download at install
 * time. Written as packed tarballs (what `npm pack` makes) into dist/npm/.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Entry, tarGz } from "../archive.ts";

export interface NpmTarget {
  platform: "linux" | "darwin" | "win32";
  arch: "x64" | "arm64";
  /** The raw binary in dist/. */
  file: string;
  /** The binary's name in the package (awsmfa or awsmfa.exe). */
  exe: string;
}

export interface Meta {
  version: string;
  description: string;
  license: string;
}

const REPOSITORY = { type: "git", url: "git+https://github.com/awsmfa/awsmfa.git" };
const HOMEPAGE = "https://github.com/awsmfa/awsmfa#readme";

export const packageName = (t: Pick<NpmTarget, "platform" | "arch">) =>
  `@awsmfa/${t.platform === "win32" ? "windows" : t.platform}-${t.arch}`;

/** `npm pack`'s file name: the scope's @ dropped and its / made a dash. */
export const tarballName = (name: string, version: string) =>
  `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;

const text = (name: string, value: string, mode = 0o644): Entry => ({
  name: `package/${name}`,
  data: new TextEncoder().encode(value),
  mode,
});
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function platformPackage(t: NpmTarget, meta: Meta, dist: string, license: string): Entry[] {
  const name = packageName(t);
  const manifest = {
    name,
    version: meta.version,
    description: `The awsmfa binary for ${t.platform} ${t.arch}; install the awsmfa package instead.`,
    license: meta.license,
    repository: REPOSITORY,
    homepage: HOMEPAGE,
    os: [t.platform],
    cpu: [t.arch],
    files: [`bin/${t.exe}`],
    preferUnplugged: true,
  };
  return [
    text("package.json", json(manifest)),
    text("LICENSE", license),
    text(
      "README.md",
      `# ${name}\n\nThe ${t.platform} ${t.arch} binary of [awsmfa](${HOMEPAGE}).\n`,
    ),
    { name: `package/bin/${t.exe}`, data: readFileSync(join(dist, t.file)), mode: 0o755 },
  ];
}

function mainPackage(targets: readonly NpmTarget[], meta: Meta, root: string): Entry[] {
  const manifest = {
    name: "awsmfa",
    version: meta.version,
    description: meta.description,
    license: meta.license,
    repository: REPOSITORY,
    homepage: HOMEPAGE,
    bin: { awsmfa: "bin/awsmfa.cjs" },
    files: ["bin/awsmfa.cjs"],
    engines: { node: ">=18" },
    optionalDependencies: Object.fromEntries(targets.map((t) => [packageName(t), meta.version])),
  };
  const launcher = readFileSync(join(import.meta.dir, "launcher.cjs"), "utf8");
  return [
    text("package.json", json(manifest)),
    text("LICENSE", readFileSync(join(root, "LICENSE"), "utf8")),
    text("README.md", readFileSync(join(root, "README.md"), "utf8")),
    text("bin/awsmfa.cjs", launcher, 0o755),
  ];
}

/** Writes every package's tarball into dist/npm/; returns their paths, main package last. */
export async function writeNpmPackages(
  targets: readonly NpmTarget[],
  meta: Meta,
  root: string,
  dist: string,
): Promise<string[]> {
  const folder = join(dist, "npm");
  mkdirSync(folder, { recursive: true });
  const license = readFileSync(join(root, "LICENSE"), "utf8");
  const packages: [string, () => Entry[]][] = [
    ...targets.map((t): [string, () => Entry[]] => [
      packageName(t),
      () => platformPackage(t, meta, dist, license),
    ]),
    ["awsmfa", () => mainPackage(targets, meta, root)],
  ];
  // Two at a time (two cores; gzip runs in the thread pool), each binary 100+ MB in memory.
  const queue = [...packages];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const path = join(folder, tarballName(next[0], meta.version));
      writeFileSync(path, await tarGz(next[1]()));
      console.error(`packed ${path}`);
    }
  };
  await Promise.all([worker(), worker()]);
  return packages.map(([name]) => join(folder, tarballName(name, meta.version)));
}
