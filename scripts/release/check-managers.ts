/**
 * Checks dist/awsmfa.rb and dist/awsmfa.json as far as a Linux machine can: the formula is
 * valid Ruby (`ruby -c`), the manifest fits Scoop's schema (the part in scoop-schema.json,
 * checked with ajv), and every URL names an asset of this version whose hash is the one in
 * SHA256SUMS.
 *
 *   bun scripts/release/check-managers.ts [FOLDER]     (default dist/; exit 1 on a problem)
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv from "ajv";
import { parseSums, RELEASES } from "./managers.ts";

/** What is wrong with the two files in `folder`, empty when nothing. */
export function checkManagers(folder: string, version: string): string[] {
  const problems: string[] = [];
  const sums = parseSums(readFileSync(join(folder, "SHA256SUMS"), "utf8"));
  const expect = (what: string, url: string, hash: string) => {
    const prefix = `${RELEASES}/download/v${version}/`;
    const asset = url.startsWith(prefix) ? url.slice(prefix.length) : undefined;
    if (!asset) problems.push(`${what}: ${url} is not an asset of v${version}`);
    else if (sums.get(asset) !== hash)
      problems.push(`${what}: the hash of ${asset} is ${hash}, SHA256SUMS says ${sums.get(asset)}`);
  };

  const rb = join(folder, "awsmfa.rb");
  const ruby = Bun.spawnSync(["ruby", "-c", rb], {
    stdout: "pipe",
    stderr: "pipe",
    timeout: 30_000,
  });
  if (ruby.exitCode !== 0) problems.push(`ruby -c ${rb}: ${ruby.stderr.toString().trim()}`);
  const formula = readFileSync(rb, "utf8");
  const pairs = [...formula.matchAll(/url "([^"]+)"\s+sha256 "([0-9a-f]{64})"/g)];
  if (pairs.length !== 4) problems.push(`awsmfa.rb: ${pairs.length} url/sha256 pairs, expected 4`);
  for (const [, url, hash] of pairs) expect("awsmfa.rb", url!, hash!);
  if (!formula.includes(`version "${version}"`)) problems.push(`awsmfa.rb: not version ${version}`);

  const manifest = JSON.parse(readFileSync(join(folder, "awsmfa.json"), "utf8"));
  const schema = JSON.parse(readFileSync(join(import.meta.dir, "scoop-schema.json"), "utf8"));
  const validate = new Ajv({ allErrors: true, validateFormats: false }).compile(schema);
  if (!validate(manifest)) {
    for (const error of validate.errors ?? [])
      problems.push(`awsmfa.json${error.instancePath}: ${error.message}`);
  }
  const x64 = manifest.architecture?.["64bit"] ?? {};
  expect("awsmfa.json", String(x64.url), String(x64.hash));
  if (manifest.version !== version) problems.push(`awsmfa.json: not version ${version}`);
  return problems;
}

if (import.meta.main) {
  const folder = resolve(process.argv[2] ?? "dist");
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dir, "../../package.json"), "utf8"));
  const problems = checkManagers(folder, pkg.version);
  for (const problem of problems) console.error(problem);
  if (problems.length === 0) console.error(`${folder}: awsmfa.rb and awsmfa.json check out`);
  process.exit(problems.length === 0 ? 0 : 1);
}
