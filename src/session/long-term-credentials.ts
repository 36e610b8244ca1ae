/**
 * The secret half of the long-term keys, fetched only when an AWS call needs it: a cached login
 * never unlocks a key store. Read once per run (a login may call IAM and then STS).
 */
import type { Credentials } from "../aws/credentials.ts";
import { isTemporaryKeyId, maskKeyId } from "../aws/credentials.ts";
import type { Deps } from "../deps.ts";
import { pasteableCommand, profileArg, UserError } from "../errors.ts";
import { shlexSplit } from "../ini/shlex.ts";
import { printableInLine } from "../system/printable.ts";
import type { LongTermKeys } from "./long-term.ts";

export const PROCESS_TIMEOUT_MS = 60_000;
/** A credential_process prints a few hundred bytes of JSON; more is a broken program. */
const PROCESS_MAX_OUTPUT = 64 * 1024;

const loaded = new WeakMap<LongTermKeys, Promise<Credentials>>();

export function longTermCredentials(longTerm: LongTermKeys, deps: Deps): Promise<Credentials> {
  let promise = loaded.get(longTerm);
  if (!promise) {
    promise = load(longTerm, deps);
    loaded.set(longTerm, promise);
  }
  return promise;
}

async function load(longTerm: LongTermKeys, deps: Deps): Promise<Credentials> {
  const { source, profile } = longTerm;
  if (source.kind === "file") return source.credentials;
  if (source.kind === "process") return fromProcess(profile, source.command, deps);
  // The stores are loaded only for keys kept in one (the keychain's addon, the encrypted
  // file's format, pass: a fifth of the code a fresh login would load otherwise).
  const { keyStore } = await import("../keys/registry.ts");
  const keys = await keyStore(source.store).read(profile, deps);
  if (!keys) {
    throw new UserError(
      `The ${source.store} key store holds no keys for ${printableInLine(profile)}.`,
      {
        hint: `Store them with \`${pasteableCommand("awsmfa", "configure", "--key-store", source.store, profileArg(profile))}\`, or run \`awsmfa keys list\` to see where your keys are.`,
      },
    );
  }
  return keys;
}

async function fromProcess(profile: string, command: string, deps: Deps): Promise<Credentials> {
  const argv = shlexSplit(command);
  if (!argv || argv.length === 0) {
    throw new UserError(
      `The credential_process of ${printableInLine(profile)} cannot be parsed: ${printableInLine(command)}`,
    );
  }
  const result = await deps.exec(argv[0]!, argv.slice(1), {
    env: { ...deps.env },
    timeoutMs: PROCESS_TIMEOUT_MS,
    maxOutput: PROCESS_MAX_OUTPUT,
  });
  const failed = (why: string) =>
    new UserError(`The credential_process of ${printableInLine(profile)} ${why}.`, {
      hint: `Run it by hand to see what is wrong: ${printableInLine(command)}`,
    });
  if (result.spawnError) throw failed(`could not be started (${result.spawnError.code})`);
  if (result.timedOut) throw failed(`did not finish within ${PROCESS_TIMEOUT_MS / 1000} s`);
  if (result.overflowed) throw failed("printed far more than credentials");
  if (result.code !== 0) throw failed(`failed with exit code ${result.code}`);
  let output: Record<string, unknown>;
  try {
    output = JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw failed("did not print JSON"); // never echo the output: it may hold a secret
  }
  const id = output.AccessKeyId;
  const secret = output.SecretAccessKey;
  if (typeof id !== "string" || typeof secret !== "string" || !id || !secret) {
    throw failed("printed no AccessKeyId and SecretAccessKey");
  }
  if (output.SessionToken || isTemporaryKeyId(id)) {
    throw new UserError(
      `The credential_process of ${printableInLine(profile)} gives session keys (${maskKeyId(id)}), not long-term keys.`,
      {
        hint: "STS makes no MFA session from a session: point the long-term profile at a process that prints your IAM user's own keys.",
      },
    );
  }
  return { accessKeyId: id, secretAccessKey: secret };
}
