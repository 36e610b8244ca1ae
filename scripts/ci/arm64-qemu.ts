/**
 * The linux-arm64 binary, run under qemu-user on any Linux host (.ci/stages/70-arm64-qemu.sh):
 *
 *   bun scripts/ci/arm64-qemu.ts ARM64_BINARY X64_BINARY
 *
 * Why: the cached fast path's lean tier makes its file calls through libc on arm64 with that
 * architecture's own open flags and errno (system/libc-files.ts); no other test runs that
 * binary. Checked here, each against the x64 binary and against the arm64 binary with the
 * libc calls unavailable (a copy of arm64's libc.so.6 whose `statx` is renamed, loaded by
 * LD_LIBRARY_PATH: what a glibc before 2.28 offers, so libcFiles() is undefined and node:fs
 * serves): `--version`, a fresh login with --otp against the fake AWS, a cached login (eval
 * output) and credential-process, which must be answered by the lean tier through libc
 * (qemu's syscall log shows its statx calls, and one open of ~/.aws/config: a tier that falls
 * through opens it again), and the cases the lean tier must leave to the next tier: a
 * symlinked cache record (O_NOFOLLOW), a group-writable cache folder, a missing cache record
 * or ~/.aws/config;
 * also a symlinked ~/.aws/credentials, which every tier reads through the link.
 * Same exit code, same bytes on stdout and stderr, files left as they were.
 *
 * Prints `ok: NAME` / `FAILED: NAME` lines and `N passed, N failed`; exits 1 on any failure,
 * and 2 when qemu or the arm64 C library is missing: it never skips.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeAws } from "../../tests/support/fake-aws.ts";

const [arm64, x64] = process.argv.slice(2);
const QEMU = process.env.QEMU_AARCH64 ?? "qemu-aarch64";
const ARM64_LIBC = "/lib/aarch64-linux-gnu/libc.so.6";
const ARM64_LOADER = "/lib/ld-linux-aarch64.so.1";

function cannotRun(why: string): never {
  console.log(`FAILED: arm64 under qemu cannot run: ${why}`);
  process.exit(2);
}
if (!arm64 || !x64) cannotRun("usage: bun scripts/ci/arm64-qemu.ts ARM64_BINARY X64_BINARY");
for (const file of [arm64, x64, ARM64_LIBC, ARM64_LOADER]) {
  if (!existsSync(file)) cannotRun(`${file} is missing (libc6:arm64, npm run build)`);
}
if (Bun.which(QEMU) === null) cannotRun(`${QEMU} is not on PATH (Debian: qemu-user)`);

let passed = 0;
let failed = 0;
function check(name: string, good: boolean, detail = ""): void {
  if (good) passed++;
  else failed++;
  console.log(
    `${good ? "ok" : "FAILED"}: arm64 qemu: ${name}${good || !detail ? "" : `\n${detail}`}`,
  );
}

const scratch = mkdtempSync(join(tmpdir(), "awsmfa-arm64-qemu-"));
// libc without statx: libcFiles() cannot have its calls and the lean tier uses node:fs.
const noLibc = join(scratch, "no-libc");
mkdirSync(noLibc);
const libc = readFileSync(ARM64_LIBC);
const renamed = Buffer.from(libc.toString("latin1").replace("\0statx\0", "\0statX\0"), "latin1");
if (renamed.equals(libc)) cannotRun(`no statx symbol in ${ARM64_LIBC}`);
writeFileSync(join(noLibc, "libc.so.6"), renamed);

const home = join(scratch, "home");
const aws = await startFakeAws();
const user = aws.addUser({});
const serial = user.devices[0]!.serial;
const sessions = join(home, ".cache", "awsmfa", "sessions");

mkdirSync(join(home, ".aws"), { recursive: true, mode: 0o700 });
writeFileSync(
  join(home, ".aws", "credentials"),
  `[prod-long-term]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
  { mode: 0o600 },
);
writeFileSync(
  join(home, ".aws", "config"),
  `[profile prod]\nmfa_serial = ${serial}\nregion = eu-west-1\n`,
  {
    mode: 0o600,
  },
);

const env: Record<string, string> = {
  PATH: "/usr/bin:/bin",
  HOME: home,
  XDG_CACHE_HOME: join(home, ".cache"),
  XDG_CONFIG_HOME: join(home, ".config"),
  NO_COLOR: "1",
  LANG: "C.UTF-8",
  TZ: "UTC",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_ENDPOINT_URL: aws.url,
  // Nothing may leave 127.0.0.1: a request past the endpoint would meet a closed port.
  HTTPS_PROXY: "http://127.0.0.1:9",
  HTTP_PROXY: "http://127.0.0.1:9",
  NO_PROXY: "127.0.0.1",
};

type Kind = "arm64" | "x64" | "arm64 without libc";
interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** qemu's log of the program's system calls (arm64 runs). */
  log: string;
  ms: number;
}

let runs = 0;
async function run(kind: Kind, args: string[]): Promise<Run> {
  const log = join(scratch, `strace-${runs++}.log`);
  const command =
    kind === "x64"
      ? [x64!, ...args]
      : [
          QEMU,
          ...(kind === "arm64 without libc" ? ["-E", `LD_LIBRARY_PATH=${noLibc}`] : []),
          ...["-d", "strace", "-D", log],
          arm64!,
          ...args,
        ];
  const started = performance.now();
  const child = Bun.spawn(command, {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: 60_000,
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  const ms = performance.now() - started;
  return { code, stdout, stderr, log: existsSync(log) ? readFileSync(log, "utf8") : "", ms };
}

/** Every file under HOME with its mode and bytes. */
function snapshot(): string {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else lines.push(`${path} ${name.isSymbolicLink() ? "link" : readFileSync(path, "base64")}`);
    }
  };
  walk(home);
  return lines.join("\n");
}

const shown = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
/**
 * The lean tier's statx calls through libc: its first, of stdout, and those of files under
 * HOME. node:fs makes its own system calls: fstat of stdout as newfstatat, statx for STATX_ALL.
 */
const libcCalls = (r: Run) =>
  r.log
    .split("\n")
    .filter(
      (l) =>
        (l.includes(`"${home}`) || l.includes('statx(1,"",')) && l.includes("STATX_BASIC_STATS"),
    ).length;
/** Opens of ~/.aws/config: one when the lean tier answers, more when it fell through. */
const configOpens = (r: Run) =>
  r.log.split("\n").filter((l) => l.includes(`"${home}/.aws/config"`)).length;

/**
 * The three binaries on the same files: same exit, same bytes, no file changed. A session's
 * time left ("valid for 11h59m") may turn over a minute between runs: then once more.
 */
async function compare(
  name: string,
  args: string[],
  lean: "answers" | "falls through",
): Promise<Run> {
  let results: Run[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = snapshot();
    results = [];
    for (const kind of ["arm64", "x64", "arm64 without libc"] as const) {
      results.push(await run(kind, args));
      if (snapshot() !== before) check(`${name}: ${kind} left the files as they were`, false);
    }
    if (results.every((r) => shown(r) === shown(results[0]!))) break;
  }
  const [a, x, n] = results as [Run, Run, Run];
  check(
    `${name}: same exit and bytes as x64`,
    shown(a) === shown(x),
    `${shown(a)}\n--- x64:\n${shown(x)}`,
  );
  check(
    `${name}: same exit and bytes without libc`,
    shown(a) === shown(n),
    `${shown(a)}\n--- no libc:\n${shown(n)}`,
  );
  check(
    `${name}: the lean tier's calls went through libc`,
    libcCalls(a) > 0,
    `${libcCalls(a)} statx calls`,
  );
  check(
    `${name}: none without libc (node:fs served)`,
    libcCalls(n) === 0,
    `${libcCalls(n)} statx calls`,
  );
  const opens = [configOpens(a), configOpens(n)];
  check(
    `${name}: the lean tier ${lean}`,
    opens.every((o) => (lean === "answers" ? o === 1 : o > 1)),
    `~/.aws/config opened ${opens.join(" and ")} times`,
  );
  console.log(
    `  (${name}: exit ${a.code}, "${a.stderr.split("\n")[0]}"; arm64 ${a.ms.toFixed(0)} ms, x64 ${x.ms.toFixed(0)} ms, without libc ${n.ms.toFixed(0)} ms)`,
  );
  return a;
}

try {
  const version = await run("arm64", ["--version"]);
  const x64Version = await run("x64", ["--version"]);
  check(
    "--version names the version and commit, as x64's",
    /^awsmfa \d+\.\d+\.\d+\S* \(commit [0-9a-f]+/.test(version.stdout) &&
      shown(version) === shown(x64Version),
    `${shown(version)}\n--- x64:\n${shown(x64Version)}`,
  );

  const fresh = await run("arm64", ["prod", "--otp", aws.code(serial)]);
  check(
    "a fresh login with --otp (the full CLI, the AWS SDK)",
    fresh.code === 0 &&
      fresh.stdout.includes("export AWS_SESSION_TOKEN=") &&
      readdirSync(sessions).length === 1,
    shown(fresh),
  );

  const login = await compare("cached login (eval)", ["prod"], "answers");
  check(
    "cached login: the session's export lines",
    login.code === 0 &&
      login.stdout.includes("export AWS_SESSION_TOKEN=") &&
      login.stderr.startsWith("Reusing session for prod"),
    shown(login),
  );
  const json = await compare("credential-process", ["credential-process", "prod"], "answers");
  check(
    "credential-process: JSON version 1",
    json.code === 0 && JSON.parse(json.stdout).Version === 1,
    shown(json),
  );

  // ~/.aws/credentials as a link (dotfile managers): read through it, by every tier.
  const credentials = join(home, ".aws", "credentials");
  renameSync(credentials, join(home, "credentials.real"));
  symlinkSync(join(home, "credentials.real"), credentials);
  await compare("a symlinked ~/.aws/credentials", ["credential-process", "prod"], "answers");
  rmSync(credentials);
  renameSync(join(home, "credentials.real"), credentials);

  // The cache record as a link: O_NOFOLLOW refuses it (ELOOP), the next tier explains.
  const record = join(sessions, readdirSync(sessions)[0]!);
  renameSync(record, join(home, "record.real"));
  symlinkSync(join(home, "record.real"), record);
  const linked = await compare("a symlinked cache record", ["prod"], "falls through");
  check(
    "a symlinked cache record: refused by O_NOFOLLOW (ELOOP)",
    linked.log.split("\n").some((l) => l.includes(`"${record}"`) && l.includes("errno=40")),
    linked.log
      .split("\n")
      .filter((l) => l.includes(record))
      .join("\n"),
  );
  rmSync(record);
  renameSync(join(home, "record.real"), record);

  chmodSync(sessions, 0o770);
  await compare("a group-writable cache folder", ["credential-process", "prod"], "falls through");
  chmodSync(sessions, 0o700);

  copyFileSync(record, join(home, "record.keep"));
  rmSync(record);
  await compare("a missing cache record", ["credential-process", "prod"], "falls through");
  renameSync(join(home, "record.keep"), record);

  // No ~/.aws/config: libc's ENOENT read through arm64's errno, the next tier explains.
  const config = join(home, ".aws", "config");
  renameSync(config, join(home, "config.keep"));
  await compare("a missing ~/.aws/config", ["prod"], "falls through");
  renameSync(join(home, "config.keep"), config);
} finally {
  await aws.stop();
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
