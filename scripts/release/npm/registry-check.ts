/**
 * The npm packages for real (run by .ci/stages/40-npm.sh after `bun build.ts --npm-only`):
 * starts verdaccio on 127.0.0.1 with throwaway storage and no uplinks, publishes every tarball
 * in dist/npm/, installs `awsmfa` globally into a throwaway prefix, runs it (--version,
 * shell-init bash, a login against the local fake AWS, an exit code, a forwarded signal), runs
 * it through npx, measures the launcher's start-up cost, and uninstalls it.
 *
 *   bun scripts/release/npm/registry-check.ts VERDACCIO_BIN
 *
 * Prints "ok: NAME" / "FAILED: NAME" lines (the stage counts them) and exits 1 on a failure.
 * Nothing leaves 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pkg from "../../../package.json" with { type: "json" };
import { startFakeAws } from "../../../tests/support/fake-aws.ts";

const root = resolve(import.meta.dir, "..", "..", "..");
const verdaccio = process.argv[2];
if (!verdaccio) throw new Error("usage: registry-check.ts VERDACCIO_BIN");
const work = mkdtempSync(join(tmpdir(), "awsmfa-npm-"));
let failures = 0;

function check(name: string, pass: boolean, detail = ""): void {
  if (pass) console.log(`ok: ${name}`);
  else {
    failures++;
    console.log(`FAILED: ${name}${detail ? `\n${detail}` : ""}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail()));
    });
  });
}

interface Ran {
  code: number | null;
  signal: string | null;
  out: string;
  err: string;
}

async function run(argv: string[], env: Record<string, string>, timeout = 120_000): Promise<Ran> {
  // cwd: the scratch folder, not this checkout (whose package.json is also called awsmfa).
  const child = Bun.spawn(argv, {
    env,
    cwd: work,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout,
  });
  const [code, out, err] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, signal: child.signalCode ? String(child.signalCode) : null, out, err };
}

const port = await freePort();
const registry = `http://127.0.0.1:${port}/`;
const config = join(work, "config.yaml");
writeFileSync(
  config,
  [
    `storage: ${join(work, "storage")}`,
    "auth:",
    `  htpasswd: { file: ${join(work, "htpasswd")}, max_users: 10 }`,
    "uplinks: {}",
    "packages:",
    "  '**': { access: $all, publish: $authenticated }",
    "max_body_size: 400mb",
    "log: { type: stdout, format: pretty, level: warn }",
    "",
  ].join("\n"),
);
const server = Bun.spawn(["node", verdaccio, "--config", config, "--listen", `127.0.0.1:${port}`], {
  stdout: "inherit",
  stderr: "inherit",
});
const aws = await startFakeAws();
try {
  // Up within 30 s, or fail.
  let up = false;
  for (const deadline = Date.now() + 30_000; !up && Date.now() < deadline; ) {
    up = await fetch(`${registry}-/ping`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (!up) await Bun.sleep(250);
  }
  check(`verdaccio answers on ${registry}`, up);
  if (!up) throw new Error("verdaccio did not start");

  // A throwaway user: npm publish wants a token.
  const user = await fetch(`${registry}-/user/org.couchdb.user:ci`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "ci", password: "ci-password-not-secret" }),
    signal: AbortSignal.timeout(10_000),
  }).then((r) => r.json() as Promise<{ token?: string }>);
  const npmrc = join(work, "npmrc");
  writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${user.token}\n`);
  const home = join(work, "home");
  mkdirSync(home);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    npm_config_userconfig: npmrc,
    npm_config_cache: join(work, "npm-cache"),
    npm_config_registry: registry,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };

  const tarballs = readdirSync(join(root, "dist", "npm")).filter((f) => f.endsWith(".tgz"));
  check("dist/npm holds 6 tarballs", tarballs.length === 6, tarballs.join(", "));
  const publish = async (tarball: string) => {
    const path = join(root, "dist", "npm", tarball);
    const r = await run(["npm", "publish", path, "--access", "public"], env, 300_000);
    check(`npm publish ${tarball}`, r.code === 0, r.err);
  };
  // The platform packages at once (each is a 55 MB upload), then the main package.
  const main = tarballs.filter((t) => t === `awsmfa-${pkg.version}.tgz`);
  await Promise.all(tarballs.filter((t) => !main.includes(t)).map(publish));
  for (const tarball of main) await publish(tarball);

  const prefix = join(work, "prefix");
  const installed = await run(["npm", "install", "-g", "awsmfa", "--prefix", prefix], env);
  check("npm install -g awsmfa", installed.code === 0, installed.err);
  const awsmfa = join(prefix, "bin", "awsmfa");
  const platformPackage = `@awsmfa/${process.platform}-${process.arch}`;
  const modules = join(prefix, "lib", "node_modules");
  const others = readdirSync(join(modules, "awsmfa", "node_modules", "@awsmfa")).filter(
    (name) => `@awsmfa/${name}` !== platformPackage,
  );
  check(`only ${platformPackage} came along (os/cpu fields)`, others.length === 0, others.join());

  const version = await run([awsmfa, "--version"], env);
  check(
    "awsmfa --version through the launcher",
    version.code === 0 && version.out.startsWith(`awsmfa ${pkg.version} (commit `),
    version.out + version.err,
  );
  const init = await run([awsmfa, "shell-init", "bash"], env);
  const parsed = await run(["bash", "-n", "-c", init.out], env);
  check(
    "awsmfa shell-init bash: bash code that parses",
    init.code === 0 && init.out.includes("awsmfa") && parsed.code === 0,
    init.err + parsed.err,
  );
  const usage = await run([awsmfa, "no-such-command", "--no-such-flag"], env);
  const bare = join(root, "dist", `awsmfa-linux-${process.arch}`);
  const direct = await run([bare, "no-such-command", "--no-such-flag"], env);
  check(
    `an exit code passes through (${usage.code})`,
    usage.code === direct.code && usage.code !== 0,
    `launcher ${usage.code}, binary ${direct.code}`,
  );

  // A login against the fake AWS, evaluated as the shell function would.
  const alice = aws.addUser({ name: "alice" });
  const aws_dir = join(home, ".aws");
  mkdirSync(aws_dir);
  writeFileSync(
    join(aws_dir, "credentials"),
    `[demo-long-term]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`,
  );
  writeFileSync(join(aws_dir, "config"), "[profile demo]\nregion = eu-west-1\n");
  const loginEnv = { ...env, AWS_ENDPOINT_URL: aws.url, XDG_CACHE_HOME: join(home, ".cache") };
  const code = aws.code(alice.devices[0]!.serial);
  const login = await run(
    [
      "bash",
      "-c",
      'eval "$("$1" demo --otp "$2")" && test -n "$AWS_SESSION_TOKEN" && echo "$AWS_PROFILE"',
      "bash",
      awsmfa,
      code,
    ],
    loginEnv,
  );
  check(
    "a login against the fake AWS through the launcher",
    login.code === 0 && login.out.trim() === "demo" && aws.count("GetSessionToken") === 1,
    login.out + login.err,
  );

  // A signal sent to the launcher reaches the binary: `exec` with a sleeping child.
  const child = Bun.spawn([awsmfa, "exec", "demo", "--", "sleep", "30"], {
    env: loginEnv,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  await Bun.sleep(1500);
  child.kill("SIGTERM");
  const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(10_000)]);
  const still = await run(["pgrep", "-f", `${modules}.*awsmfa exec demo`], env);
  check(
    `SIGTERM to the launcher ends the binary too (exit ${child.exitCode}, ${child.signalCode})`,
    exited === true && still.out.trim() === "" && (child.exitCode ?? 0) !== 0,
    still.out,
  );
  if (!exited) child.kill("SIGKILL");

  // Start-up cost: the launcher (node + the binary) against the bare binary.
  const time = async (argv: string[]) => {
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      await run([...argv, "--version"], env);
      runs.push(performance.now() - start);
    }
    return runs.sort((a, b) => a - b)[7]!;
  };
  const viaBare = await time([
    join(modules, "awsmfa", "node_modules", platformPackage, "bin", "awsmfa"),
  ]);
  const viaLauncher = await time([awsmfa]);
  console.log(
    `start-up (median of 15, awsmfa --version): bare binary ${viaBare.toFixed(1)} ms, npm launcher ${viaLauncher.toFixed(1)} ms (+${(viaLauncher - viaBare).toFixed(1)} ms)`,
  );

  const npx = await run(["npx", "--yes", "awsmfa", "--version"], env);
  check(
    "npx awsmfa --version",
    npx.code === 0 && npx.out.startsWith(`awsmfa ${pkg.version} `),
    npx.err,
  );

  const removed = await run(["npm", "uninstall", "-g", "awsmfa", "--prefix", prefix], env);
  const left = [...readdirSync(join(prefix, "bin")), ...readdirSync(modules)];
  check(
    "npm uninstall -g awsmfa removes the command and the packages",
    removed.code === 0 && left.length === 0,
    removed.err + left.join(", "),
  );
} catch (error) {
  check("the npm check ran to its end", false, String(error));
} finally {
  server.kill();
  await server.exited;
  await aws.stop();
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures > 0 ? 1 : 0);
