/**
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE on Windows are expanded as the AWS CLI there
 * expands them (Python's ntpath.expandvars): `%NAME%` too, which PowerShell leaves as written.
 * The table is checked against python3's ntpath.expandvars itself (it runs on Linux too, with a
 * case-sensitive os.environ: the names here are upper case, as Windows' os.environ holds them).
 */
import { expect, test } from "bun:test";
import { awsPaths } from "../../src/config/paths.ts";
import { expandWindowsVariables } from "../../src/config/windows-expand.ts";

const env = {
  USERPROFILE: "C:\\Users\\me",
  "MY-DIR": "D:\\work",
  HOME: "C:\\home",
  A: "a$HOME%HOME%",
  EMPTY: "",
};

const brace = "$" + "{";
const cases = [
  "%USERPROFILE%\\x\\config",
  "%NOPE%\\x",
  "100%%\\x",
  "50%\\x",
  "$USERPROFILE\\x",
  `${brace}USERPROFILE}\\x`,
  "$MY-DIR\\c",
  `${brace}MY-DIR}\\c`,
  "$$HOME\\c",
  "'$HOME'\\c",
  "'unclosed $HOME",
  `${brace}unclosed`,
  "$",
  "x$",
  "$-",
  "%A%",
  "$A",
  "%%%HOME%",
  "a%b%c%HOME%",
  `${brace}}`,
  "$HOME$HOME",
  "%HOME%%HOME%",
  "C:\\%HOME",
  "$café",
  "%EMPTY%x",
  "no variables",
];

test("as Python's ntpath.expandvars, case by case", () => {
  const python = Bun.spawnSync(
    [
      "python3",
      "-c",
      "import json,ntpath,os,sys\nos.environ.clear()\nos.environ.update(json.loads(sys.argv[1]))\nprint(json.dumps([ntpath.expandvars(c) for c in json.loads(sys.argv[2])]))",
      JSON.stringify(env),
      JSON.stringify(cases),
    ],
    { env: {} },
  );
  const expected = JSON.parse(python.stdout.toString()) as string[];
  expect(expected).toHaveLength(cases.length);
  expect(expected[0]).toBe("C:\\Users\\me\\x\\config");
  expect(cases.map((path) => expandWindowsVariables(path, env))).toEqual(expected);
});

test("a name in any case, as Windows' os.environ looks it up", () => {
  expect(expandWindowsVariables("%userprofile%\\a;$UserProfile\\b", env)).toBe(
    "C:\\Users\\me\\a;C:\\Users\\me\\b",
  );
});

test("awsPaths on win32: %USERPROFILE% is the user's folder, as for the AWS CLI, not a folder of that name here", () => {
  const paths = awsPaths(
    {
      USERPROFILE: "C:\\Users\\me",
      AWS_SHARED_CREDENTIALS_FILE: "%USERPROFILE%\\work\\credentials",
      AWS_CONFIG_FILE: "%EMPTY%",
      EMPTY: "",
    },
    "C:\\Users\\me",
    "win32",
  );
  expect(paths.credentials).toBe("C:\\Users\\me\\work\\credentials");
  // Empty once expanded: the default file, as for $EMPTY.
  expect(paths.config).toMatch(/\.aws[\\/]config$/);
  // Elsewhere % is no variable, for Python (posixpath) either.
  expect(awsPaths({ AWS_CONFIG_FILE: "%HOME%/c", HOME: "/h" }, "/h", "linux").config).toBe(
    "%HOME%/c",
  );
});
