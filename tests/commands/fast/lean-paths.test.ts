/**
 * The lean tier's paths (commands/fast/lean-paths.ts) against config/paths.ts's: the same path,
 * or a fall-through to the tier that uses config/paths.ts itself. Never a different path.
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { FallThrough } from "../../../src/commands/fast/fall-through.ts";
import { leanAwsPaths, leanCacheDir } from "../../../src/commands/fast/lean-paths.ts";
import { awsPaths, cacheDir } from "../../../src/config/paths.ts";

type Env = Record<string, string | undefined>;

/** botocore's braced variable, written without a template placeholder for the linter. */
const BRACED_HOME = ["$", "{HOME}"].join("");

/** The lean answer, or "fall through"; any other error is a failure. */
function lean<T>(run: () => T): T | "fall through" {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(FallThrough);
    return "fall through";
  }
}

/** What the general path answers, or its refusal (an error the lean tier must leave to it). */
function general<T>(run: () => T): T | "refused" {
  try {
    return run();
  } catch {
    return "refused";
  }
}

const piece = fc.constantFrom(
  "",
  "/",
  "//",
  "~",
  "~/",
  "~\\",
  "~root",
  "~root/x",
  "~/.aws/config",
  "$HOME",
  BRACED_HOME,
  ".",
  "..",
  "a",
  "b c",
  "\\",
  "x/",
  "/etc/aws",
  "/tmp/./x",
  "/tmp/../x",
  "\n",
);
const value = fc.oneof(
  fc.constant(undefined),
  fc.array(piece, { maxLength: 4 }).map((p) => p.join("")),
);
const home = fc.constantFrom("/home/u", "/home/u/", "/", "/home//u", "/home/a b");

test("leanAwsPaths is awsPaths, or falls through", () => {
  fc.assert(
    fc.property(value, value, home, (config, credentials, homedir) => {
      const env: Env = {
        AWS_CONFIG_FILE: config,
        AWS_SHARED_CREDENTIALS_FILE: credentials,
        HOME: homedir,
      };
      const fast = lean(() => leanAwsPaths(env, homedir));
      if (fast === "fall through") return;
      expect(general(() => awsPaths(env, homedir, "linux"))).toEqual(fast);
    }),
    { numRuns: 3_000 },
  );
});

test("leanCacheDir is cacheDir, or falls through", () => {
  const platform = fc.constantFrom<NodeJS.Platform>("linux", "darwin", "win32");
  fc.assert(
    fc.property(value, value, home, platform, (cache, xdg, homedir, os) => {
      const env: Env = { AWSMFA_CACHE_DIR: cache, XDG_CACHE_HOME: xdg };
      const fast = lean(() => leanCacheDir(env, homedir, os));
      if (fast === "fall through") return;
      expect(general(() => cacheDir(env, homedir, os))).toEqual(fast);
    }),
    { numRuns: 3_000 },
  );
});

test("another user's ~NAME and a variable fall through; the usual paths do not", () => {
  for (const path of ["~root/.aws/config", "~x", "$HOME/.aws/config", `${BRACED_HOME}/c`]) {
    expect(lean(() => leanAwsPaths({ AWS_CONFIG_FILE: path }, "/home/u"))).toBe("fall through");
  }
  expect(lean(() => leanAwsPaths({}, "/home/u"))).toEqual({
    config: "/home/u/.aws/config",
    credentials: "/home/u/.aws/credentials",
  });
  expect(
    lean(() =>
      leanAwsPaths({ AWS_CONFIG_FILE: "~/c", AWS_SHARED_CREDENTIALS_FILE: "~" }, "/home/u"),
    ),
  ).toEqual({
    config: "/home/u/c",
    credentials: "/home/u",
  });
});
