/**
 * logout --all at scale, for correctness (the timing is the benchmark's): thousands of
 * session sections lose exactly their session keys in one edit of the file, long-term keys
 * (even with a stale token) and every other byte stay, the cached sessions go with a message
 * each, and nothing is left behind (no lock, no temp file).
 */
import { afterEach, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { run } from "../../src/cli.ts";
import { sessionCachePath } from "../../src/session/cache.ts";
import { testDeps } from "../support/test-deps.ts";

let home: string | undefined;
afterEach(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

const PAIRS = 3000;
const key = (i: number, prefix: string) => `${prefix}${String(i).padStart(16, "0")}`;
const serial = (i: number) => `arn:aws:iam::123456789012:mfa/u${i}`;

/** The credentials file, with or without the sessions in [pI]. */
function credentials(withSessions: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i < PAIRS; i++) {
    // Every 7th pair is not simple ASCII (the full parser's path), every 5th has CRLF.
    const eol = i % 5 === 0 ? "\r\n" : "\n";
    const note = i % 7 === 0 ? "# équipe" : `# team ${i % 13}`;
    const session = withSessions
      ? [
          `aws_access_key_id = ${key(i, "ASIA")}`,
          `aws_secret_access_key = ${"s".repeat(40)}`,
          `aws_session_token = ${"t".repeat(60)}`,
          "expiration = 2026-01-01T12:00:00Z",
        ]
      : [];
    const lines = [
      note,
      `[p${i}-long-term]`,
      `aws_access_key_id = ${key(i, "AKIA")}`,
      `aws_secret_access_key = ${"k".repeat(40)}`,
      `mfa_serial = ${serial(i)}`,
      ...(i % 11 === 0 ? ["aws_session_token = stale"] : []),
      "",
      `[p${i}]`,
      "region = eu-west-1",
      ...session,
      "",
    ];
    parts.push(lines.join(eol) + eol);
  }
  return parts.join("");
}

test("logout --all: thousands of sessions, one edit, every other byte kept", async () => {
  home = mkdtempSync(join(tmpdir(), "awsmfa-logout-all-"));
  const path = join(home, ".aws", "credentials");
  mkdirSync(join(home, ".aws"));
  writeFileSync(path, credentials(true));
  const { deps, stderr } = testDeps({ homedir: home, env: {} });
  // Cached sessions of three profiles, and one of no profile.
  const cached = [3, 1500, 2999].map((i) => {
    const file = sessionCachePath(deps, { longTermKeyId: key(i, "AKIA"), serial: serial(i) });
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        format: 1,
        accessKeyId: key(i, "ASIC"),
        secretAccessKey: "x",
        sessionToken: "y",
        expiration: "2026-01-01T12:00:00Z",
        serial: serial(i),
      }),
    );
    return file;
  });
  writeFileSync(join(cached[0]!, "..", "orphan.json"), "{}");

  const code = await run(["logout", "--all", "--format", "sh"], deps);
  expect(code).toBe(0);

  expect(readFileSync(path, "utf8")).toBe(credentials(false));
  const said = stderr().split("\n");
  const lines = new Set(said);
  for (let i = 0; i < PAIRS; i++) {
    expect(lines.has(`Removed the session of p${i} from [p${i}] in ${path}`)).toBe(true);
  }
  for (const i of [3, 1500, 2999]) expect(said).toContain(`Deleted the cached session of p${i}`);
  expect(said.filter((line) => line.startsWith("Removed the session"))).toHaveLength(PAIRS);
  // The three found by profile, then the orphan by --all.
  expect(said).toContain("Deleted 1 cached session");
  expect(readdirSync(join(cached[0]!, ".."))).toEqual([]);
  expect(readdirSync(join(home, ".aws"))).toEqual([basename(path)]);
}, 60_000);
