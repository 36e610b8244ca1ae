/**
 * One program that plays op, bw, ykman, pass and a user's own code command in tests. Each
 * fake on PATH is a two-line sh script that runs this file with the tool's name first.
 *
 * It checks its argv exactly as the real tool would need it, logs every call (argv, whether
 * BW_SESSION came through the environment) to $FAKE_OTP_DIR/calls.jsonl, and prints the code
 * the fake AWS device shows right now (asked from the fake's control API), or misbehaves as
 * $FAKE_OTP_MODE says: locked, signedout, slow, touch, garbage, two, stale-once, fail.
 * Whatever it prints when misbehaving contains MARKER, so tests can check awsmfa never echoes it.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const MARKER = "FAKE-OUTPUT-7c1e";

export interface FakeOtpConfig {
  /** The fake AWS, for /_fake/code. */
  url: string;
  /** Item, entry or account name => MFA device serial. */
  items: Record<string, string>;
}

export interface ToolCall {
  tool: string;
  args: string[];
  bwSession: string | undefined;
  mode: string;
}

const LOCKED: Record<string, [string, number]> = {
  op: [
    "[ERROR] 2024/05/01 10:00:00 You are not currently signed in. Please run `op signin --help` for instructions",
    1,
  ],
  bw: ["Vault is locked.", 1],
  ykman: ["ERROR: No YubiKey detected!", 1],
  pass: ["gpg: decryption failed: No secret key", 2],
  mycode: ["mycode: the keyring is locked", 1],
};

const NOT_FOUND: Record<string, string> = {
  op: '[ERROR] 2024/05/01 10:00:00 "%s" isn\'t an item. Specify the item with its UUID, name, or domain.',
  bw: "Not found.",
  ykman: "ERROR: No matching account found.",
  pass: "Error: %s is not in the password store.",
  mycode: "mycode: no such item %s",
};

/** The item an argv asks for, or undefined when the argv is not what the real tool expects. */
function itemOf(tool: string, args: string[]): string | undefined {
  const rest = [...args];
  const take = (flag: string) => {
    const at = rest.indexOf(flag);
    if (at < 0) return;
    rest.splice(at, 2);
  };
  switch (tool) {
    case "op":
      take("--account");
      take("--vault");
      return rest.length === 4 && rest[0] === "item" && rest[1] === "get" && rest[3] === "--otp"
        ? rest[2]
        : undefined;
    case "bw":
      return rest.length === 4 &&
        rest.join(" ").startsWith("get totp ") &&
        rest[3] === "--nointeraction"
        ? rest[2]
        : undefined;
    case "ykman":
      if (rest[0] === "--device") rest.splice(0, 2);
      return rest.length === 5 && rest.slice(0, 4).join(" ") === "oath accounts code --single"
        ? rest[4]
        : undefined;
    case "pass":
      return rest.length === 2 && rest[0] === "otp" ? rest[1] : undefined;
    default:
      return rest[0];
  }
}

async function codeAt(config: FakeOtpConfig, serial: string, offsetMs = 0): Promise<string> {
  const query = new URLSearchParams({ serial });
  if (offsetMs !== 0) {
    const state = (await (await fetch(`${config.url}/_fake/state`)).json()) as {
      clockOffsetMs: number;
    };
    query.set("at", String(Date.now() + state.clockOffsetMs + offsetMs));
  }
  const answer = await fetch(`${config.url}/_fake/code?${query}`);
  return ((await answer.json()) as { code: string }).code;
}

function fail(text: string, status: number): never {
  process.stderr.write(`${text}\n`);
  process.exit(status);
}

async function main(): Promise<void> {
  const [tool = "", ...args] = process.argv.slice(2);
  const dir = process.env.FAKE_OTP_DIR ?? fail("FAKE_OTP_DIR is not set", 70);
  const mode = process.env.FAKE_OTP_MODE ?? "ok";
  const call: ToolCall = { tool, args, bwSession: process.env.BW_SESSION, mode };
  appendFileSync(join(dir, "calls.jsonl"), `${JSON.stringify(call)}\n`);
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as FakeOtpConfig;
  const item = itemOf(tool, args);
  if (item === undefined) fail(`fake ${tool}: unexpected arguments: ${JSON.stringify(args)}`, 64);
  if (tool === "bw" && !process.env.BW_SESSION) fail(LOCKED.bw![0], 1);
  if (mode === "locked") fail(`${LOCKED[tool]![0]} ${MARKER}`, LOCKED[tool]![1]);
  if (mode === "signedout") fail(`You are not logged in. ${MARKER}`, 1);
  if (mode === "fail") fail(`${MARKER} something odd happened`, 3);
  const serial = config.items[item];
  if (!serial) fail(NOT_FOUND[tool]!.replace("%s", item), 1);
  if (mode === "slow") await Bun.sleep(30_000);
  if (mode === "touch") {
    process.stderr.write("Touch your YubiKey...\n");
    await Bun.sleep(1000);
  }
  if (mode === "garbage") {
    process.stdout.write(`${MARKER}: your item has no one-time password\n`);
    return;
  }
  const code = await codeAt(config, serial);
  if (mode === "two") {
    process.stdout.write(`${code}\n${await codeAt(config, serial, 30_000)}\n`);
    return;
  }
  if (mode === "stale-once") {
    const used = join(dir, "stale-used");
    if (!existsSync(used)) {
      writeFileSync(used, "1");
      process.stdout.write(`${await codeAt(config, serial, -90_000)}\n`);
      return;
    }
  }
  process.stdout.write(`${code}\n`);
}

if (import.meta.main) await main();
