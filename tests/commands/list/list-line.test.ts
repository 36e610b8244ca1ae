/**
 * A plain `list` or `ls` line (alone or with `--json`) is run by cli.ts without building the
 * parser (commands/list/run.ts): it must print what commander's `list` prints, exit the same,
 * and its static imports must reach neither commander nor a command's definition. Any other
 * list line (a second flag, --help, a typo) is still commander's.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProgram, run } from "../../../src/cli.ts";
import { ExitCode } from "../../../src/errors.ts";
import { makeBundleGraph } from "../../support/bundle-graph.ts";
import { testDeps } from "../../support/test-deps.ts";
import { listWorld } from "./list-world.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-list-line-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = [
  "[profile dev]\nmfa_serial = arn:aws:iam::123456789012:mfa/dev\nregion = eu-west-1\n",
  "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = dev\n",
].join("");
const credentials =
  "[dev-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n";

/** What run() prints for `argv`, and what commander's program prints for it. */
async function both(env: Record<string, string>, home: string, argv: string[]) {
  const plain = testDeps({ env, homedir: home });
  const code = await run(argv, plain.deps);
  const parsed = testDeps({ env, homedir: home });
  const state = { exitCode: ExitCode.ok, outputMode: undefined };
  const program = await buildProgram({ deps: parsed.deps, state }, argv);
  await program.parseAsync(argv, { from: "user" });
  return {
    plain: [code, plain.stdout(), plain.stderr()],
    commander: [state.exitCode, parsed.stdout(), parsed.stderr()],
  };
}

test("a plain list line prints what commander's list prints", async () => {
  const { env, home } = await listWorld(join(root, "a"), { config, credentials, cached: [1, 5] });
  for (const argv of [["list"], ["ls"], ["list", "--json"], ["ls", "--json"]]) {
    const { plain, commander } = await both(env, home, argv);
    expect([argv, ...plain]).toEqual([argv, ...commander]);
    expect(String(plain[1])).toContain("dev");
  }
});

test("with no profiles, the same as commander's list", async () => {
  // (An error from runList goes through run()'s one catch either way; list has no --format.)
  const { env, home } = await listWorld(join(root, "b"), {
    config: "",
    credentials: "",
    cached: [5],
  });
  const { plain, commander } = await both(env, home, ["list"]);
  expect(plain).toEqual(commander);
  expect(String(plain[2])).toContain("No profiles");
});

test("the plain list line's static imports reach neither commander nor a command definition", async () => {
  const out = mkdtempSync(join(root, "graph-"));
  const graph = await makeBundleGraph(out);
  const { files } = graph.reach(["src/cli.ts", "src/system/index.ts", "src/commands/list/run.ts"]);
  expect(files).toContain("src/commands/list/fast-table.ts");
  expect(files.filter((file) => /node_modules\/(commander|@commander-js)\//.test(file))).toEqual(
    [],
  );
  expect(files).not.toContain("src/commands/list.ts");
}, 60_000);
