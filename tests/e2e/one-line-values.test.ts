/**
 * A value shown inside one line of output for people (the prompt segment, the login's success
 * line, status, list's rows on a terminal, logout's lines) keeps its line whole: a tab, CR or
 * line break in a profile name or AWS_PROFILE is shown as \x09, \x0d, \x0a, as every other
 * control character is (system/printable.ts). Data stays exact: the eval lines, --json.
 * The compiled binary against the fake AWS.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { runInPty, scriptAvailable } from "../support/pty.ts";

const world = useLoginWorld();
/** A profile name a person can write in ~/.aws/config: a tab inside (a section is one line). */
const TABBED = "team\tprod";
const TABBED_SHOWN = "team\\x09prod";
/** What AWS_PROFILE can hold besides: every line-breaking character. */
const BROKEN = "a\nb\rc\td";
const BROKEN_SHOWN = "a\\x0ab\\x0dc\\x09d";

/** The lines of `text` that mention `needle`, each of them checked to hold no tab, CR or LF. */
function oneLine(text: string, needle: string): string[] {
  const lines = text.split("\n").filter((line) => line.includes(needle));
  for (const line of lines) expect(line).not.toMatch(/[\t\r]/);
  return lines;
}

describe("values on one-line output", () => {
  test("login, reuse, status, prompt and logout show a tab in the profile name escaped; the eval lines and --json keep it", async () => {
    const login = world.user({ profile: TABBED });
    const first = await login.run([TABBED, "--otp", login.code()]);
    expect(first.code).toBe(0);
    // stdout is eval code here: the exact name, quoted.
    expect(first.stdout).toContain(`export AWS_PROFILE='${TABBED}'\n`);
    expect(oneLine(first.stderr, "New session for")).toEqual([
      expect.stringMatching(
        new RegExp(`^✓ New session for ${TABBED_SHOWN.replace(/\\/g, "\\\\")}, valid for`),
      ),
    ]);
    expect(oneLine(first.stderr, "Saved the session in")).toEqual([
      `Saved the session in [${TABBED_SHOWN}] of ${login.sandbox.credentialsPath}`,
    ]);
    const again = await login.run([TABBED]);
    expect(oneLine(again.stderr, "Reusing session")).toEqual([
      expect.stringContaining(`Reusing session for ${TABBED_SHOWN}, valid for`),
    ]);
    const json = await login.run([TABBED, "--format", "json"]);
    expect(json.code).toBe(0);
    const status = await login.run(["status", TABBED]);
    expect(oneLine(status.stdout, "Using")).toEqual([`Using    profile ${TABBED_SHOWN}`]);
    const statusJson = await login.run(["status", TABBED, "--json"]);
    expect(JSON.parse(statusJson.stdout).profile).toBe(TABBED);
    const logout = await login.run(["logout", TABBED]);
    expect(logout.code).toBe(0);
    expect(oneLine(logout.stderr, "Removed the session")).toEqual([
      `Removed the session of ${TABBED_SHOWN} from [${TABBED_SHOWN}] in ${login.sandbox.credentialsPath}`,
    ]);
  }, 60_000);

  test("the prompt segment and status show line breaks and tabs of AWS_PROFILE escaped", async () => {
    const login = world.user();
    const env = {
      AWS_PROFILE: BROKEN,
      AWS_ACCESS_KEY_ID: "ASIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_SESSION_TOKEN: "token",
      AWSMFA_EXPIRES: String(Math.floor(Date.now() / 1000) + 3600),
    };
    for (const template of [undefined, "[{profile}]"]) {
      const args = template ? ["prompt", "--template", template] : ["prompt"];
      const prompt = await login.run(args, { env });
      expect(prompt.code).toBe(0);
      const want = template ? `[${BROKEN_SHOWN}]\n` : `${BROKEN_SHOWN} 1h00m\n`;
      expect(prompt.stdout).toMatch(
        new RegExp(`^${want.replace(/[\\[\]]/g, "\\$&").replace("1h00m", "(1h00m|59m\\d\\ds)")}$`),
      );
    }
    const status = await login.run(["status"], {
      env: {
        AWS_PROFILE: BROKEN,
        HTTPS_PROXY: "http://127.0.0.1:9",
        HTTP_PROXY: "http://127.0.0.1:9",
      },
    });
    expect(status.stdout.split("\n")[0]).toBe(`Using    profile ${BROKEN_SHOWN} (AWS_PROFILE)`);
  }, 60_000);

  test.skipIf(!scriptAvailable())(
    "list on a terminal shows a tab in a name escaped, columns straight; into a pipe the bytes stay",
    async () => {
      const login = world.user({ profile: TABBED });
      const shown = await runInPty(["list"], login.sandbox.env);
      expect(shown.code).toBe(0);
      const rows = shown.output.split("\n").filter((line) => line.startsWith("team"));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row).not.toContain("\t");
        expect(row.startsWith(TABBED_SHOWN)).toBe(true);
      }
      const header = shown.output.split("\n").find((line) => line.startsWith("PROFILE"))!;
      const column = header.indexOf("KIND");
      for (const row of rows) expect(row.slice(column)).toMatch(/^(long-term|session|role|other) /);
      const piped = await login.run(["list"]);
      expect(piped.stdout).toContain(`${TABBED}-long-term`);
    },
    60_000,
  );
});
