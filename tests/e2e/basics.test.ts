/** The compiled binary: --version, --help, usage errors. */
import { describe, expect, test } from "bun:test";
import pkg from "../../package.json" with { type: "json" };
import { runAwsmfa } from "../support/run-binary.ts";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();

describe("awsmfa binary", () => {
  test("--version names the version and the git commit", async () => {
    const r = await runAwsmfa(["--version"], { env: sandbox.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^awsmfa ${pkg.version.replace(/\./g, "\\.")} \\(commit [0-9a-f]{7,}(-dirty)?\\)\\n$`,
      ),
    );
  });

  test("--help lists the commands on stdout", async () => {
    const r = await runAwsmfa(["--help"], { env: sandbox.env });
    expect(r.code).toBe(0);
    for (const command of ["login", "whoami", "unset"]) expect(r.stdout).toContain(command);
    expect(r.stderr).toBe("");
  });

  test("an unknown flag is a usage error (exit 2) pointing to that command's help", async () => {
    const r = await runAwsmfa(["whoami", "--no-such-flag"], { env: sandbox.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
    expect(r.stderr).toContain("Run `awsmfa whoami --help` for usage.");
    expect(r.stdout).toBe("");
  });

  test("a missing argument names the command's help too; a bad top-level flag the main help", async () => {
    const exec = await runAwsmfa(["exec"], { env: sandbox.env });
    expect(exec.code).toBe(2);
    expect(exec.stderr).toContain("missing required argument");
    expect(exec.stderr).toContain("Run `awsmfa exec --help` for usage.");
    const top = await runAwsmfa(["--bogus"], { env: sandbox.env });
    expect(top.code).toBe(2);
    expect(top.stderr).toContain("Run `awsmfa --help` for usage.");
  });
});
