/**
 * Values from the user's files, the environment, AWS's answers and programs' output, holding
 * escape sequences, reach a real terminal (a pty, util-linux `script`) with colour forced on,
 * and not one of their control characters gets there raw: ESC (colour, a cursor move), OSC 8
 * (a hyperlink), BEL, C1 controls (CSI as one byte, NEL) and bidi overrides are all shown
 * escaped, while awsmfa's own colours still work (system/printable.ts). A region
 * `us\e[31m-east-1` once coloured `list`'s table: the writer let every SGR through that
 * awsmfa itself uses.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { runInPty } from "../support/pty.ts";

const world = useLoginWorld();

/** Every kind of hostile control: SGR, OSC 8 link, BEL, C1 CSI and NEL, RLO, an isolate. */
const HOSTILE = "\x1b[31m\x1b]8;;http://evil.example/\x07L\x1b]8;;\x07\x07\x9b2J\x85\u202eR\u2066";
/** For INI section names: no "]" (it would end the section header) and no NEL (a line end). */
const NAME_HOSTILE = "\x1b[31m\x07\x9b2J\u202eR\u2066";
/** What awsmfa itself writes: bold, dim, red, green, yellow and their resets. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's bytes are the point
const OWN_SGR = /\x1b\[(?:1|2|22|31|32|33|39)m/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's bytes are the point
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function expectSafe(output: string): void {
  const left = output.replace(OWN_SGR, "");
  const raw = RAW_CONTROL.exec(left);
  expect(
    raw === null ? "" : JSON.stringify(left.slice(Math.max(0, raw.index - 30), raw.index + 10)),
  ).toBe("");
}

/** Colour forced on (besides the pty): the case the old filter let values through in. */
function colourEnv(env: Record<string, string>, extra: Record<string, string> = {}) {
  const { NO_COLOR: _, ...rest } = env;
  return { ...rest, FORCE_COLOR: "1", TERM: "xterm-256color", ...extra };
}

describe("hostile values reach the terminal escaped, colour forced on", () => {
  test("list, status, keys list, sources, doctor: profile names, regions, devices, settings", async () => {
    const u = world.user({ profile: "prod" });
    const name = `p${NAME_HOSTILE}`;
    u.sandbox.writeConfig(
      [
        "[profile prod]",
        `mfa_serial = arn:aws:iam::123456789012:mfa/a${HOSTILE}`,
        `region = us${HOSTILE}-east-1`,
        `awsmfa_otp_command = echo ${HOSTILE}`,
        `[profile ${name}]`,
        `source_profile = prod${HOSTILE}`,
        `role_arn = arn:aws:iam::123456789012:role/r${HOSTILE}`,
        `region = eu${HOSTILE}`,
        "",
      ].join("\n"),
    );
    u.sandbox.writeCredentials(
      `${u.sandbox.readCredentials()}[k${NAME_HOSTILE}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${"s".repeat(40)}\n`,
    );
    const env = colourEnv(u.sandbox.env);
    const seen: string[] = [];
    for (const args of [["list"], ["status", name], ["keys", "list"], ["sources"], ["doctor"]]) {
      const r = await runInPty(args, env);
      seen.push(r.output);
      expectSafe(r.output);
    }
    const [list, status, keys, sources, doctor] = seen as [string, string, string, string, string];
    // The values were printed (escaped), and colour was on.
    expect(list).toContain("us\\x1b[31m\\x1b]8;;http://evil.example/\\x07L");
    expect(list).toContain("\\u202eR\\u2066");
    expect(list).toContain("\x1b[1m");
    // Shown escaped, the values still keep list's columns straight (ui/table.ts cellWidth).
    const starts = list
      .trimEnd()
      .split("\n")
      .map((line) => line.replace(OWN_SGR, "").search(/ {2}(long-term|session|role|other|KIND) /));
    expect(new Set(starts).size).toBe(1);
    expect(status).toContain("\\x1b[31m");
    expect(keys).toContain("\\x1b[31m");
    expect(sources).toContain("\\x9b2J");
    expect(doctor).toContain("\\x1b[31m");
  });

  test("whoami: the account, ARN and user id AWS answers", async () => {
    const u = world.user({ profile: "prod" });
    const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    // An STS that answers GetCallerIdentity with hostile values (the fake AWS keeps IAM's
    // name rules, so it cannot).
    const sts = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () =>
        new Response(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${xml(`arn:aws:iam::123456789012:user/w${HOSTILE}`)}</Arn><UserId>${xml(`AIDA${HOSTILE}`)}</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
          { headers: { "content-type": "text/xml" } },
        ),
    });
    try {
      const r = await runInPty(
        ["whoami"],
        colourEnv(u.sandbox.env, {
          AWS_ENDPOINT_URL: `http://127.0.0.1:${sts.port}`,
          AWS_ACCESS_KEY_ID: u.user.accessKeyId,
          AWS_SECRET_ACCESS_KEY: u.user.secretAccessKey,
          AWS_REGION: "eu-west-1",
        }),
      );
      expectSafe(r.output);
      expect(r.output).toContain("user/w\\x1b[31m");
      expect(r.output).toContain("AIDA\\x1b[31m");
    } finally {
      sts.stop(true);
    }
  });

  // `awsmfa prompt` writes into a pipe ($(awsmfa prompt) in PS1), which no writer escapes,
  // and the shell puts it on the terminal.
  test("prompt: the profile name from the environment, through the pipe into PS1", async () => {
    const u = world.user({ profile: "prod" });
    const expires = String(Math.floor(Date.now() / 1000) + 3600);
    for (const profile of [`x${HOSTILE}`, `x${NAME_HOSTILE}é`]) {
      const r = await u.run(["prompt"], {
        env: { AWS_PROFILE: profile, AWSMFA_EXPIRES: expires, FORCE_COLOR: "1" },
      });
      expect(r.code).toBe(0);
      expectSafe(r.stdout);
      expect(r.stdout).toContain("x\\x1b[31m");
    }
  });

  test("error messages: a profile name from the environment, a program's output", async () => {
    const u = world.user({ profile: "prod" });
    const missing = await runInPty(
      ["status"],
      colourEnv(u.sandbox.env, { AWS_PROFILE: `x${HOSTILE}` }),
    );
    expectSafe(missing.output);
    expect(missing.output).toContain("x\\x1b[31m");
    // `pass` (the key store) fails and says why on stderr, which awsmfa quotes.
    u.sandbox.file("bin/pass", `#!/bin/sh\nprintf '%s\\n' '${HOSTILE}' >&2\nexit 1\n`, 0o700);
    u.sandbox.writeCredentials("");
    u.sandbox.writeConfig(
      `[profile prod]\nmfa_serial = ${u.serial}\nregion = eu-west-1\n[profile prod-long-term]\nawsmfa_key_store = pass\nawsmfa_key_id = ${u.user.accessKeyId}\n`,
    );
    const failed = await runInPty(
      ["login", u.profile, "--otp", "123456", "--format", "sh"],
      colourEnv(u.sandbox.env, { PATH: `${u.sandbox.home}/bin:${u.sandbox.env.PATH}` }),
    );
    expectSafe(failed.output);
    expect(failed.output).toContain("\\x1b]8;;http://evil.example/");
  });
});
