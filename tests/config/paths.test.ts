import { expect, test } from "bun:test";
import { awsPaths, cacheDir } from "../../src/config/paths.ts";
import { UserError } from "../../src/errors.ts";

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

/**
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE as botocore reads them (configloader.py:
 * os.path.expandvars, then os.path.expanduser), checked against Python itself.
 */
test("the AWS files' variables: $NAME and braced names, then ~, as botocore expands them", () => {
  // "$" + "{": written so, these are plain strings (not templates gone wrong).
  const brace = "$" + "{";
  const env = { HOME: "/home/u", WORK: "/srv/work", EMPTY: "", LOOP: "$HOME" };
  const values = [
    "$HOME/.aws/config",
    `${brace}HOME}/.aws/credentials`,
    "$WORK/aws/$NOPE/x",
    `${brace}NOPE}/x`,
    `${brace}}/x`,
    "$/x",
    "$EMPTY/x",
    "$LOOP/x",
    "~/a$WORK",
    "~",
    "/plain/path",
    "$HOMEX/y",
    "a$WORK$WORK",
  ];
  const python = Bun.spawnSync(
    [
      "python3",
      "-c",
      "import json,os,posixpath,sys\nos.environ.clear()\nos.environ.update(json.loads(sys.argv[1]))\nprint(json.dumps([posixpath.expanduser(posixpath.expandvars(v)) for v in json.loads(sys.argv[2])]))",
      JSON.stringify(env),
      JSON.stringify(values),
    ],
    { stderr: "pipe" },
  );
  expect(python.stderr.toString()).toBe("");
  const theirs = JSON.parse(python.stdout.toString()) as string[];
  const ours = values.map(
    (value) =>
      awsPaths({ ...env, AWS_SHARED_CREDENTIALS_FILE: value }, "/home/u", "linux").credentials,
  );
  expect(ours).toEqual(theirs);
  expect(ours[0]).toBe("/home/u/.aws/config");
  expect(awsPaths({ AWS_CONFIG_FILE: "$HOME/c" }, "/home/u", "linux").config).toBe("$HOME/c");
});

test("a value that expands to nothing ('$EMPTY') is the default file, as an empty one is", () => {
  const brace = "$" + "{";
  for (const value of ["", "$EMPTY", `${brace}EMPTY}`, "$EMPTY$EMPTY"]) {
    const env = { EMPTY: "", AWS_CONFIG_FILE: value, AWS_SHARED_CREDENTIALS_FILE: value };
    expect(awsPaths(env, "/home/u", "linux")).toEqual({
      config: "/home/u/.aws/config",
      credentials: "/home/u/.aws/credentials",
    });
  }
});

test.each([
  ["AWS_SHARED_CREDENTIALS_FILE", "~root/.aws/credentials", "~root"],
  ["AWS_CONFIG_FILE", "~nobody", "~nobody"],
  ["AWS_CONFIG_FILE", "$TILDE/config", "~alice"],
])(
  "%s=%s: another user's ~NAME, which botocore expands and awsmfa cannot, is exit 3, not a path in this folder",
  (name, value, words) => {
    // Python (botocore) reads another user's home there: awsmfa used "./~root/..." instead.
    const python = Bun.spawnSync([
      "python3",
      "-c",
      "import posixpath,sys\nprint(posixpath.expanduser(sys.argv[1]))",
      "~root/x",
    ]);
    expect(python.stdout.toString().trim()).toBe("/root/x");
    const env = { TILDE: "~alice", [name]: value };
    let error: unknown;
    try {
      awsPaths(env, "/home/u", "linux");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe("config");
    expect((error as UserError).message).toContain(`${name} `);
    expect((error as UserError).message).toContain(words);
  },
);
