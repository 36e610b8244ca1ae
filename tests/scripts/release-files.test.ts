/**
 * The release files build.ts writes, checked with the tools users have: the archives unpack
 * with tar and unzip (binary executable, everything at the top), and the Homebrew formula and
 * Scoop manifest pass scripts/release/check-managers.ts (ruby -c, Scoop's schema, hashes equal
 * to SHA256SUMS), which also catches a hash that does not match.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { tarGz, zip } from "../../scripts/release/archive.ts";
import { checkManagers } from "../../scripts/release/check-managers.ts";
import { formula, parseSums, scoopManifest } from "../../scripts/release/managers.ts";

const scratch = mkdtempSync(join(tmpdir(), "awsmfa-release-files-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const binary = new Uint8Array(70_000).map((_, i) => (i * 7) % 251);
const entries = (exe: string) => [
  { name: exe, data: binary, mode: 0o755 },
  { name: "LICENSE", data: new TextEncoder().encode("MIT License\n"), mode: 0o644 },
];

describe("archives", () => {
  test("the .tar.gz unpacks with tar: awsmfa executable, at the top", async () => {
    const folder = join(scratch, "tar");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.tar.gz"), await tarGz(entries("awsmfa")));
    const r = Bun.spawnSync(["tar", "-xzf", "a.tar.gz"], { cwd: folder, stderr: "pipe" });
    expect(r.stderr.toString()).toBe("");
    expect(readFileSync(join(folder, "awsmfa"))).toEqual(Buffer.from(binary));
    expect(statSync(join(folder, "awsmfa")).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(folder, "LICENSE"), "utf8")).toBe("MIT License\n");
  });

  test("the .zip passes unzip -t and unpacks awsmfa.exe", async () => {
    const folder = join(scratch, "zip");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.zip"), await zip(entries("awsmfa.exe")));
    const tested = Bun.spawnSync(["unzip", "-t", "a.zip"], { cwd: folder });
    expect(tested.stdout.toString()).toContain("No errors detected");
    Bun.spawnSync(["unzip", "-q", "a.zip"], { cwd: folder });
    expect(readFileSync(join(folder, "awsmfa.exe"))).toEqual(Buffer.from(binary));
  });
});

describe("Homebrew formula and Scoop manifest", () => {
  const meta = { version: pkg.version, description: pkg.description, license: pkg.license };
  const assets = ["darwin-arm64", "darwin-x64", "linux-arm64", "linux-x64"]
    .map((t) => `awsmfa-${t}.tar.gz`)
    .concat("awsmfa-windows-x64.zip");
  const sums = assets.map((a, i) => `${String(i + 1).repeat(64)}  ${a}\n`).join("");

  function release(name: string, edit = (text: string) => text): string {
    const folder = join(scratch, name);
    mkdirSync(folder);
    writeFileSync(join(folder, "SHA256SUMS"), sums);
    writeFileSync(join(folder, "awsmfa.rb"), edit(formula(meta, parseSums(sums))));
    writeFileSync(join(folder, "awsmfa.json"), scoopManifest(meta, parseSums(sums)));
    return folder;
  }

  test("check out: ruby -c, the schema, every URL and hash", () => {
    expect(checkManagers(release("good"), pkg.version)).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(scratch, "good", "awsmfa.json"), "utf8"));
    expect(manifest.checkver).toEqual({ github: "https://github.com/awsmfa/awsmfa" });
    expect(manifest.autoupdate.hash.url).toBe("$baseurl/SHA256SUMS");
  });

  test("a hash that is not SHA256SUMS's, and Ruby that does not parse, are reported", () => {
    const folder = release("bad", (text) =>
      text.replace("1".repeat(64), "f".repeat(64)).replace("  def install", "  def install("),
    );
    const problems = checkManagers(folder, pkg.version).join("\n");
    expect(problems).toContain("ruby -c");
    expect(problems).toContain(`the hash of awsmfa-darwin-arm64.tar.gz is ${"f".repeat(64)}`);
  });

  test("a manifest outside Scoop's schema is reported", () => {
    const folder = release("schema");
    const path = join(folder, "awsmfa.json");
    const manifest = JSON.parse(readFileSync(path, "utf8"));
    manifest.architecture["64bit"].hash = "not-a-hash";
    delete manifest.bin;
    writeFileSync(path, JSON.stringify(manifest));
    const problems = checkManagers(folder, pkg.version).join("\n");
    expect(problems).toContain("must have required property 'bin'");
    expect(problems).toContain("awsmfa.json/architecture/64bit/hash: must match pattern");
  });
});
