/**
 * Every path by which a value the user or a server controls reaches a person's line: the
 * value is shown in one line (system/printable.ts printableInLine), so a line break, a
 * carriage return, U+2028, a tab, an escape sequence or a bidi control in it cannot fake a
 * line, move the cursor or reorder the text. The table feeds each hostile value through each
 * path and compares with the same path given a plain value: as many lines, none of the raw
 * characters left after the writer's printable(), and no value escaped twice (\x5c: a
 * backslash shown, which none of these values holds).
 *
 * tests/message-values.test.ts holds the CLI paths the previous sweep fixed; this file the
 * rest: AWS's own error text, the proxy's status text, URLs, key ids, the --debug trace, an
 * unexpected error's line, notifications, the code prompt's question, doctor's findings, the
 * folder and serial checks, whoami-style identity lines, and CLI paths (known profiles, a
 * source_profile circle, a nested exec, upgrade --to).
 */
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { maskKeyId } from "../src/aws/credentials.ts";
import { type CallContext, mapAwsError } from "../src/aws/errors.ts";
import { partitionById } from "../src/aws/partition.ts";
import { proxyFailure, proxySetting } from "../src/aws/proxy-errors.ts";
import { run } from "../src/cli.ts";
import { renderReport, warn } from "../src/commands/doctor/finding.ts";
import { expiredNotice, soonNotice } from "../src/commands/notify/desktop.ts";
import { describeSchedule } from "../src/commands/notify/schedule.ts";
import { parseDuration } from "../src/config/durations.ts";
import { unsafeFolder } from "../src/config/unsafe-folder.ts";
import { quotePasteables, UserError } from "../src/errors.ts";
import { promptSourceWith } from "../src/otp/sources/prompt.ts";
import { checkSerial } from "../src/session/serial-format.ts";
import { shellReading } from "../src/shell/index.ts";
import { printable, printableInLine } from "../src/system/printable.ts";
import { shownUrl } from "../src/system/shown-url.ts";
import { debug } from "../src/ui/debug.ts";
import { oneLine, styleFor } from "../src/ui/report.ts";
import { testDeps } from "./support/test-deps.ts";

const HOSTILE = ["\n", "\r", "\x1b[2J", "\t", "\u2028", "\u202e"];
const RAW = ["\r", "\t", "\x1b", "\u2028", "\u2029", "\u202e"];

/** What a person sees of an error: message and hint, as the stderr writer shows them. */
function seen(error: unknown): string {
  if (error instanceof UserError) {
    // Values marked pasteable() are quoted for the user's shell, as the error printer does.
    const quote = shellReading("sh")!.word;
    return printable(quotePasteables(`${error.message}\n${error.hint ?? ""}`, quote));
  }
  if (error instanceof Error) return printable(error.message);
  return printable(String(error));
}

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return seen(error);
  }
  throw new Error("expected a throw");
}

async function thrownAsync(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    return seen(error);
  }
  throw new Error("expected a throw");
}

function sameShape(plain: string, odd: string) {
  expect(odd.split("\n").length).toBe(plain.split("\n").length);
  for (const raw of RAW) expect(odd).not.toContain(raw);
  expect(odd).not.toContain("x5c");
}

const call = (over: Partial<CallContext> = {}): CallContext => ({
  operation: "GetSessionToken",
  endpoint: "https://sts.us-east-1.amazonaws.com",
  region: "us-east-1",
  partition: partitionById("aws"),
  profile: "prod",
  now: Date.UTC(2026, 0, 1),
  ...over,
});

/** Each path: the text a person sees when `value` goes in. */
const PATHS: Record<string, (value: string) => string | Promise<string>> = {
  "AWS's message, ValidationError": (v) =>
    seen(mapAwsError({ name: "ValidationError", message: `bad ${v}` }, call())),
  "AWS's message, AccessDenied": (v) =>
    seen(mapAwsError({ name: "AccessDenied", message: `no ${v}` }, call())),
  "AWS's code and message, any other error": (v) =>
    seen(mapAwsError({ name: `Odd${v}`, message: `odd ${v}`, $metadata: {} }, call())),
  "a device not associated (the serial)": (v) =>
    seen(
      mapAwsError(
        {
          name: "AccessDenied",
          message: "MultiFactorAuthentication failed, unable to validate MFA code",
        },
        call({ arn: `arn:aws:iam::123456789012:mfa/${v}` }),
      ),
    ),
  "an unknown key (the region and ARN in the hint)": (v) =>
    seen(
      mapAwsError(
        { name: "InvalidClientTokenId", message: "x" },
        call({ region: `us-east-1${v}`, arn: `arn:aws-cn:iam::123456789012:mfa/${v}` }),
      ),
    ),
  "an unknown key (the key id)": (v) =>
    seen(
      mapAwsError(
        { name: "InvalidClientTokenId", message: "x" },
        call({ accessKeyId: `AKIAEXAMPLE${v}` }),
      ),
    ),
  "a network failure's own words": (v) =>
    seen(mapAwsError({ name: "Error", message: `socket hang up ${v}` }, call())),
  "the proxy's status text": (v) =>
    seen(proxyFailure({ code: "ERR_PROXY_TUNNEL", status: 403, statusText: `No ${v}` }, call())),
  "the proxy's host": (v) => {
    try {
      return printable(
        proxySetting(
          { HTTPS_PROXY: `http://proxy${v}.example:3128` },
          "https://sts.amazonaws.com",
        ) ?? "",
      );
    } catch (error) {
      // A host the URL standard refuses: the message names the variable, its value in one line.
      return seen(error).split("\n")[0]!;
    }
  },
  "a URL as shown": (v) => printable(shownUrl(`https://example.com/a${v}b`)),
  "a masked key id": (v) => printable(maskKeyId(`AKIAEXAMPLE${v}`)),
  "the --debug trace": (v) => {
    const world = testDeps({ env: { AWSMFA_DEBUG: "1" } });
    debug(world.deps, `profile ${v}: looked`);
    return printable(world.stderr());
  },
  "an unexpected error's line": (v) => printable(oneLine(new Error(`boom ${v}`))),
  "a notification's title": (v) => printable(soonNotice(v, 5, "10:00").title),
  "an expiry notification's title": (v) => printable(expiredNotice(v).title),
  "the notification schedule": (v) =>
    printable(
      describeSchedule(
        { profile: v, expiration: new Date(Date.UTC(2026, 0, 1, 12)), beforeSeconds: 600 },
        Date.UTC(2026, 0, 1),
      ),
    ),
  "an unsafe folder": (v) =>
    seen(
      unsafeFolder(
        { path: `/tmp/a${v}b`, place: "above", what: "owner", uid: 7 },
        `/tmp/a${v}b/c`,
        {
          name: "cache folder",
          risk: "who could read your sessions",
          elsewhere: "set AWSMFA_CACHE_DIR.",
        },
      ),
    ),
  "a doctor finding": (v) =>
    printable(
      renderReport(
        [{ title: "Files", findings: [warn(`The file /x/${v} is odd.`)] }],
        styleFor(false),
      ),
    ),
  "a serial named where it was set (no double escape)": (v) =>
    thrown(() => checkSerial(`not a serial ${v}`, `mfa_serial in ${printableInLine(`p${v}`)}`)),
  "a duration named where it was set (no double escape)": (v) =>
    thrown(() =>
      parseDuration(`5${v}x`, `awsmfa_otp_timeout of profile ${printableInLine(`p${v}`)}`),
    ),
  "the code prompt's question, no terminal": async (v) => {
    const world = testDeps({ env: {}, which: async () => undefined } as never);
    return thrownAsync(() =>
      promptSourceWith(1000).code(
        { profile: `p${v}`, serial: "arn:aws:iam::123456789012:mfa/a" } as never,
        world.deps,
      ),
    );
  },
};

describe("hostile values on every person's line", () => {
  for (const [name, path] of Object.entries(PATHS)) {
    test(name, async () => {
      const plain = await path("ab");
      for (const h of HOSTILE) sameShape(plain, await path(`a${h}b`));
    });
  }
});

/** CLI paths, in-process: values that files and the environment can hold. */
describe("hostile values through the CLI", () => {
  const top = mkdtempSync(join(tmpdir(), "awsmfa-hostile-"));
  function home(config: string, credentials = ""): Record<string, string> {
    const dir = mkdtempSync(join(top, "h-"));
    mkdirSync(join(dir, ".aws"));
    writeFileSync(join(dir, ".aws", "config"), config);
    writeFileSync(join(dir, ".aws", "credentials"), credentials);
    return {
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, ".aws", "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, ".aws", "credentials"),
      AWSMFA_CACHE_DIR: join(dir, "cache"),
      HTTPS_PROXY: "http://127.0.0.1:9",
      HTTP_PROXY: "http://127.0.0.1:9",
    };
  }
  async function stderrOf(argv: string[], env: Record<string, string>) {
    const world = testDeps({
      env,
      homedir: env.HOME,
      ...(env.SELF ? { selfPath: env.SELF, selfCommand: [env.SELF] } : {}),
    });
    const code = await run(argv, world.deps);
    return { code, text: printable(world.stderr()) };
  }
  // A section name holds no line break; the rest of the table can.
  const IN_FILES = ["\x1b[2J", "\t", "\u2028", "\u202e"];
  const CASES: Record<
    string,
    { values: string[]; make: (v: string) => { argv: string[]; env: Record<string, string> } }
  > = {
    "the known profiles named for an unknown one": {
      values: IN_FILES,
      make: (v) => ({
        argv: ["login", "zzz", "--otp", "123456"],
        env: home(`[profile a${v}b]\n[profile c]\n`),
      }),
    },
    "a source_profile circle": {
      values: IN_FILES,
      make: (v) => ({
        argv: ["login", `a${v}z`, "--otp", "123456"],
        env: home(
          `[profile a${v}z]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = a${v}z\n`,
        ),
      }),
    },
    "upgrade: a binary whose folder holds no install record": {
      values: HOSTILE,
      make: (v) => {
        const env = home("[profile p]\n");
        return { argv: ["upgrade"], env: { ...env, SELF: join(env.HOME!, `bin${v}`, "awsmfa") } };
      },
    },
    "a nested exec (AWSMFA_EXEC)": {
      values: HOSTILE,
      make: (v) => ({
        argv: ["exec", "p", "--", "true"],
        env: { ...home("[profile p]\n"), AWSMFA_EXEC: `q${v}` },
      }),
    },
  };
  for (const [name, c] of Object.entries(CASES)) {
    test(name, async () => {
      const plain = await stderrOf(c.make("").argv, c.make("").env);
      expect(plain.code).not.toBe(0);
      for (const v of c.values) {
        const odd = await stderrOf(c.make(v).argv, c.make(v).env);
        expect(odd.code).toBe(plain.code);
        sameShape(plain.text, odd.text);
      }
    });
  }
});
