/**
 * The lean tier of the fast path: a cached `awsmfa PROFILE` in eval mode or through the
 * bash/zsh function, and a cached `credential-process PROFILE`, for the usual set-up: a
 * profile with a mfa_serial, its long-term keys in PROFILE-long-term (-mfa, -default) or in
 * itself (in the credentials file, in a key store with the key id noted, or a
 * credential_process), simple files (lean-read.ts) and a valid cached session.
 *
 * Why it exists: these run at every shell prompt and every SDK call, and there each function
 * of the general session code runs once, cold. Its decisions for the same answer (session.ts,
 * the next tier) cost a cached login about 4 ms, 40% of the run. Here they are taken in one
 * small module, with the general code's own rules wherever those are pure and small (key
 * state, serial format, region, folder rules, records, output lines).
 *
 * It answers only when its answer is certain to be session.ts's: anything else (another OS,
 * format or shell, keys in the shell, a role, awsmfa_long_term_profile, a new session, a
 * write to the credentials file, any setting to check or error to explain) throws
 * FallThrough before anything is said, and index.ts runs session.ts from scratch.
 * tests/commands/fast/lean.test.ts runs both tiers over many generated set-ups and compares.
 */
import { secondsLeftAt } from "../../aws/clock-skew.ts";
import { exportedRegion, resolveRegion } from "../../aws/region.ts";
import {
  DEFAULT_MIN_REMAINING_SECONDS,
  isDigits,
  MAX_SESSION_SECONDS,
  MIN_SESSION_SECONDS,
  parseDuration,
} from "../../config/durations.ts";
import { keyState, keyStateForWriting } from "../../config/key-state.ts";
import { booleanWord } from "../../config/settings.ts";
import type { Deps } from "../../deps.ts";
import { isKeyStoreName, KEY_ID_SETTING, KEY_STORE_SETTING } from "../../keys/store.ts";
import { credentialProcessJson, sessionVariables } from "../../output/variables.ts";
import {
  SESSION_CACHE_FORMAT,
  sessionCacheName,
  sessionOfRecord,
} from "../../session/cache-record.ts";
import { fileHoldsSession } from "../../session/in-file.ts";
import { LONG_TERM_SUFFIXES } from "../../session/long-term.ts";
import { reportSession } from "../../session/messages.ts";
import { checkSerial, SERIAL_KEYS } from "../../session/serial-format.ts";
import { sh } from "../../shell/posix/shell.ts";
import { type LeanFiles, writeAllThrough } from "../../system/libc-files.ts";
import { printableInLine } from "../../system/printable.ts";
import { writer } from "../../system/writer.ts";
import { FallThrough } from "./fall-through.ts";
import type { FastInvocation } from "./invocation.ts";
import { leanAwsPaths, leanCacheDir } from "./lean-paths.ts";
import {
  characterDevice,
  checkedFolder,
  keyLines,
  leanFiles,
  readAwsText,
  readOwnRecord,
  type SimpleFile,
  simpleFile,
} from "./lean-read.ts";
import type { FastFacts } from "./world.ts";

/** AWSMFA_SHELL values whose function evaluates POSIX export lines (shell/index.ts: "sh"). */
const POSIX_FUNCTIONS = ["bash", "zsh"];

/** What the lean tier asks of the world: no files to write, no terminal, no waits. */
type LeanDeps = Pick<Deps, "env" | "platform" | "homedir" | "uid" | "gid" | "clock" | "io"> & {
  files: LeanFiles;
};

/**
 * Runs a fast-path line in the lean tier: its exit code, or undefined (having said nothing)
 * when the next tier must run it. main.ts tries this before anything else of the fast path.
 * `files` are its file calls (lean-read.ts leanFiles; the tests give each kind).
 */
export async function leanMain(
  invocation: FastInvocation,
  facts: Omit<FastFacts, "isTerminal">,
  chosen?: LeanFiles,
): Promise<number | undefined> {
  const files = chosen ?? (await leanFiles(facts.platform, facts.arch));
  // Only into a pipe or a file. A terminal (direct mode) is a character device, and so is
  // /dev/null, which is none: isatty.ts tells them apart, in the next tier.
  const device = facts.writers ? facts.writers[1].isTTY : characterDevice(files, 1);
  if (invocation.kind === "prompt" || device) return undefined;
  const said: Array<[1 | 2, string]> = [];
  const held = (fd: 1 | 2) => ({
    write: (text: string) => void said.push([fd, text]),
    isTTY: false,
  });
  const refuse = (): never => {
    throw new FallThrough("a wait or a question");
  };
  const deps: LeanDeps = {
    env: facts.env,
    platform: facts.platform,
    homedir: facts.homedir,
    uid: facts.uid,
    gid: facts.gid,
    clock: { now: () => Date.now(), sleep: refuse },
    io: { readLine: refuse, stdinIsTTY: false, stdout: held(1), stderr: held(2) },
    files,
  };
  let code: number;
  try {
    code = leanRun(invocation, deps);
  } catch {
    return undefined;
  }
  // As the full CLI writes: stderr through printable(), stdout as it is (no terminal).
  const write = writeAllThrough(files);
  const real = facts.writers ?? {
    1: writer(1, () => false, undefined, write),
    2: writer(2, () => false, undefined, write),
  };
  for (const [fd, text] of said) real[fd].write(text);
  return code;
}

function leanRun(invocation: FastInvocation, deps: LeanDeps): number {
  if (deps.platform === "win32" || deps.uid === undefined || deps.gid === undefined) {
    throw new FallThrough("no POSIX owners");
  }
  if (invocation.kind === "login" && invocation.format === undefined) {
    return leanLogin(invocation.profile, invocation.noWrite, deps);
  }
  if (invocation.kind === "credential-process") {
    const found = cachedSession(invocation.profile, deps);
    // session.ts says its notes on the terminal only (terminalOnly): here there are none.
    if (found.note) throw new FallThrough("a note for the terminal");
    deps.io.stdout.write(credentialProcessJson(found.session));
    return 0;
  }
  throw new FallThrough("not a lean line");
}

function leanLogin(profile: string, noWrite: boolean, deps: LeanDeps): number {
  // outputMode: the two modes that print POSIX export lines and nothing else (leanMain has
  // seen that stdout is no terminal: eval mode when no shell function asks).
  const wrapper = deps.env.AWSMFA_SHELL;
  if (wrapper && !POSIX_FUNCTIONS.includes(wrapper)) throw new FallThrough("another shell");
  // confirmForeignKeys: keys in this shell that awsmfa did not set are asked or warned about.
  if (deps.env.AWS_ACCESS_KEY_ID && !deps.env.AWSMFA_EXPIRES) throw new FallThrough("keys");
  const found = cachedSession(profile, deps);
  const { credentials, longTerm, session } = found;
  // wantsFileWrite: the session of a pair goes into [PROFILE]; a cached login finds it there.
  const write = !noWrite && longTerm !== profile && flag(found.value(profile, "awsmfa_write"));
  const held = () => fileHoldsSession({ credentials: credentials.values }, profile, session);
  if (write && (heldLongTerm(credentials, profile) || !held())) {
    throw new FallThrough("the credentials file needs the session");
  }
  if (found.note) deps.io.stderr.write(`${found.note}\n`);
  reportSession(profile, session, true, deps);
  // emitSession in eval and function mode: renderExports("sh", ...); reportLogins says
  // nothing of one profile it did not write.
  let lines = "";
  for (const [name, value] of sessionVariables(session, found.context)) {
    lines += `${sh.setVar(name, value)}\n`;
  }
  deps.io.stdout.write(lines);
  return 0;
}

/** booleanSetting(files, PROFILE, "awsmfa_write", true), which explains a wrong value. */
function flag(value: string | undefined): boolean {
  const answer = value === undefined ? true : booleanWord(value);
  if (answer === undefined) throw new FallThrough("awsmfa_write to explain");
  return answer;
}

/** sectionState(...) === "long-term": any aws_access_key_id line a write would replace. */
function heldLongTerm(credentials: SimpleFile, profile: string): boolean {
  for (const [ids, token] of keyLines(credentials, profile)) {
    for (const id of ids) if (keyStateForWriting(id, token) === "long-term") return true;
  }
  return false;
}

/** getSession's answer for a plain profile with a valid cached session, or FallThrough. */
function cachedSession(profile: string, deps: LeanDeps) {
  const partners: string[] = [];
  for (const suffix of LONG_TERM_SUFFIXES) partners.push(`${profile}${suffix}`);
  const names = [profile, ...partners];
  const paths = leanAwsPaths(deps.env, deps.homedir);
  const config = simpleFile(readAwsText(deps.files, paths.config), "config", names);
  const credentials = simpleFile(readAwsText(deps.files, paths.credentials), "credentials", names);
  // profileValue: the credentials file wins, empty values do not count.
  const value = (name: string, key: string): string | undefined =>
    credentials.values.get(name)?.[key] || config.values.get(name)?.[key] || undefined;
  const has = (name: string) => config.values.has(name) || credentials.values.has(name);
  if (!has(profile)) throw new FallThrough("no such profile");
  if (value(profile, "role_arn") !== undefined) throw new FallThrough("a role profile");
  if (value(profile, "awsmfa_long_term_profile")) throw new FallThrough("a named long-term");
  checkDuration(value(profile, "duration_seconds"));
  const minRemaining = deps.env.AWSMFA_MIN_REMAINING
    ? parseDuration(deps.env.AWSMFA_MIN_REMAINING, "--min-remaining")
    : DEFAULT_MIN_REMAINING_SECONDS;

  // findLongTermKeys: the first partner by convention that holds long-term keys, else itself.
  let partner: string | undefined;
  for (const name of partners) {
    if (has(name) && keyIdOf(name, true, value, config) !== undefined) {
      partner = name;
      break;
    }
  }
  const longTerm = partner ?? profile;
  const keyId = keyIdOf(longTerm, partner !== undefined, value, config);
  if (keyId === undefined) throw new FallThrough("no long-term keys");

  // configuredSerial, then planLocally's region.
  const serial = serialOf([profile, longTerm], value);
  const profileRegion = value(profile, "region") ?? value(longTerm, "region");
  const region = resolveRegion({ profile: profileRegion, env: deps.env, arn: serial });
  const context = { profile, region: exportedRegion({ profileRegion, region }) };

  const user = { uid: deps.uid!, gid: deps.gid! };
  const folder = checkedFolder(
    deps.files,
    leanCacheDir(deps.env, deps.homedir, deps.platform),
    "sessions",
    user,
  );
  const record = readOwnRecord(
    deps.files,
    `${folder}/${sessionCacheName({ longTermKeyId: keyId, serial })}`,
    user,
  );
  const session =
    record.format === SESSION_CACHE_FORMAT && record.serial === serial
      ? sessionOfRecord(record)
      : undefined;
  if (!session || secondsLeftAt(session, deps.clock.now()) <= minRemaining) {
    throw new FallThrough("no cached session with enough time left");
  }
  return { credentials, value, longTerm, session, context, note: region.note };
}

function checkDuration(text: string | undefined): void {
  const value = text?.trim();
  if (value === undefined || value === "") return;
  const seconds = isDigits(value) ? Number(value) : Number.NaN;
  if (!(seconds >= MIN_SESSION_SECONDS && seconds <= MAX_SESSION_SECONDS)) {
    throw new FallThrough("duration_seconds to explain");
  }
}

/**
 * The cache key's access key id of a profile that holds long-term keys (long-term.ts's
 * candidateState and longTermOf), else undefined.
 */
function keyIdOf(
  name: string,
  processAllowed: boolean,
  value: (name: string, key: string) => string | undefined,
  config: SimpleFile,
): string | undefined {
  const store = config.values.get(name)?.[KEY_STORE_SETTING];
  if (store && store !== "credentials-file") {
    if (!isKeyStoreName(store)) throw new FallThrough("an unknown key store");
    return config.values.get(name)?.[KEY_ID_SETTING] || `${store}:${name}`;
  }
  const id = value(name, "aws_access_key_id");
  if (!id || !value(name, "aws_secret_access_key")) {
    return processAllowed && value(name, "credential_process")
      ? `credential_process:${name}`
      : undefined;
  }
  const token = value(name, "aws_session_token") ?? value(name, "aws_security_token");
  return keyState(id, token !== undefined) === "long-term" ? id : undefined;
}

function serialOf(
  profiles: readonly string[],
  value: (name: string, key: string) => string | undefined,
): string {
  for (const profile of profiles) {
    for (const key of SERIAL_KEYS) {
      const serial = value(profile, key);
      if (serial) return checkSerial(serial, `${key} in ${printableInLine(profile)}`);
    }
  }
  throw new FallThrough("no device known");
}
