import { describe, expect, test } from "bun:test";
import { loginCommandFor } from "../../src/commands/login-command.ts";

describe("loginCommandFor", () => {
  test.each([
    ["prod", "awsmfa prod"],
    ["prod-eu_1.x@corp", "awsmfa prod-eu_1.x@corp"],
    ["ls", "awsmfa login ls"],
    ["list", "awsmfa login list"],
    ["help", "awsmfa login help"],
    ["_profiles", "awsmfa login _profiles"],
    ["credential-process", "awsmfa login credential-process"],
    ["-x", "awsmfa login -- -x"],
    ["--all", "awsmfa login -- --all"],
    ["has space", "awsmfa 'has space'"],
    ["it's", "awsmfa 'it'\\''s'"],
    ["x;touch f", "awsmfa 'x;touch f'"],
    ["$(id)", "awsmfa '$(id)'"],
    ["a]b", "awsmfa 'a]b'"],
  ])("%p -> %s", (profile, expected) => {
    expect(loginCommandFor(profile)).toBe(expected);
  });

  test("what bash makes of the command is the name itself", async () => {
    for (const name of ["has space", "it's", "x;touch f", "$(id)", "-x", "a\\b", "*"]) {
      const command = loginCommandFor(name).replace(/^awsmfa /, "");
      const child = Bun.spawn(["bash", "-c", `printf '%s\\n' ${command}`], { stdout: "pipe" });
      const words = (await new Response(child.stdout).text()).trimEnd().split("\n");
      expect(words.at(-1)).toBe(name);
    }
  });
});
