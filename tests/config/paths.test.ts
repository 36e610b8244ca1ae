import { expect, test } from "bun:test";
import { cacheDir } from "../../src/config/paths.ts";

test.each([
  [{}, "linux", "/home/u/.cache/awsmfa"],
  [{ XDG_CACHE_HOME: "/x/cache" }, "linux", "/x/cache/awsmfa"],
  // Relative: ignored, as the XDG spec says (it would follow the current folder).
  [{ XDG_CACHE_HOME: "cache" }, "linux", "/home/u/.cache/awsmfa"],
  [{ XDG_CACHE_HOME: "./cache" }, "linux", "/home/u/.cache/awsmfa"],
  [{ XDG_CACHE_HOME: "" }, "linux", "/home/u/.cache/awsmfa"],
  [{}, "darwin", "/home/u/Library/Caches/awsmfa"],
  [{ XDG_CACHE_HOME: "/x/cache" }, "darwin", "/x/cache/awsmfa"],
  [{ AWSMFA_CACHE_DIR: "~/c", XDG_CACHE_HOME: "/x" }, "linux", "/home/u/c"],
] as const)("cacheDir(%o, %s) is %s", (env, platform, expected) => {
  expect(cacheDir(env, "/home/u", platform)).toBe(expected);
});
