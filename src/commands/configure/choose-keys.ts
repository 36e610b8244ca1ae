/**
 * Configure's first question: which long-term keys, and where they live. In order:
 * - keys given with --access-key-id (secret from stdin or asked, masked) go into the
 *   long-term profile, replacing other keys there only when the user agrees;
 * - keys already in [PROFILE] are offered a move to [PROFILE-long-term], so that [PROFILE] can
 *   hold sessions; declined, they stay and PROFILE logs in with its own keys;
 * - keys already in the long-term profile are kept;
 * - else the wizard asks for them.
 */
import type { Credentials } from "../../aws/credentials.ts";
import { isTemporaryKeyId, maskKeyId } from "../../aws/credentials.ts";
import type { AwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { CancelledError, pasteable, UsageError, UserError } from "../../errors.ts";
import { keysInText } from "../../keys/credentials-file.ts";
import { findLongTermKeys } from "../../session/long-term.ts";
import { longTermCredentials } from "../../session/long-term-credentials.ts";
import { printableInLine } from "../../system/printable.ts";
import { askConfirm, askSecret, askText, noTerminalError } from "../../ui/prompts.ts";
import { questionDeadline } from "../../ui/question-deadline.ts";

export interface KeyAnswers {
  profile: string;
  longTermProfile: string | undefined;
  accessKeyId: string | undefined;
  /** --secret-access-key -: read the secret from stdin. */
  secretFromStdin: boolean;
  /** --move-keys / --no-move-keys; undefined: ask. */
  moveKeys: boolean | undefined;
  /** --yes: replace other long-term keys in the long-term profile. */
  yes: boolean;
}

export type KeyPlan =
  /** New keys for `target`; `replaces` is the key id they replace there, if any. */
  | { kind: "new"; target: string; keys: Credentials; replaces: string | undefined }
  /** Keys to move from [from] to [target]. */
  | { kind: "move"; from: string; target: string; keys: Credentials }
  /** Keys already in [target] (PROFILE itself when a move was declined). */
  | { kind: "existing"; target: string; keys: Credentials };

export async function chooseKeys(
  files: AwsFiles,
  answers: KeyAnswers,
  deps: Deps,
): Promise<KeyPlan> {
  const { profile } = answers;
  const own = keysInText(files.credentialsText, profile);
  const partner = existingPartner(files, answers);
  const target = answers.longTermProfile ?? partner?.profile ?? `${profile}-long-term`;
  if (answers.accessKeyId !== undefined) {
    if (own && target !== profile) {
      throw new UsageError(
        `[${printableInLine(profile)}] holds long-term keys (${maskKeyId(own.accessKeyId)}).`,
        {
          hint: `Move them first with \`awsmfa configure ${pasteable(profile)} --move-keys\`, then set new keys.`,
        },
      );
    }
    const keys = await newKeys(answers, deps);
    const there = keysInText(files.credentialsText, target);
    const replaces =
      there && there.accessKeyId !== keys.accessKeyId ? there.accessKeyId : undefined;
    if (replaces) await confirmReplace(target, replaces, keys.accessKeyId, answers.yes, deps);
    return { kind: "new", target, keys, replaces };
  }
  if (own) {
    const there = partner ? keysInText(files.credentialsText, target) : undefined;
    if (there && there.accessKeyId !== own.accessKeyId) {
      throw new UserError(
        `Both [${printableInLine(profile)}] (${maskKeyId(own.accessKeyId)}) and [${printableInLine(target)}] (${maskKeyId(there.accessKeyId)}) hold long-term keys.`,
        {
          hint: `Keep one pair: remove the other from ${printableInLine(files.paths.credentials)}.`,
        },
      );
    }
    if (await wantsMove(profile, target, own, answers.moveKeys, deps)) {
      return { kind: "move", from: profile, target, keys: own };
    }
    return { kind: "existing", target: profile, keys: own };
  }
  if (partner) {
    deps.io.stderr.write(
      `Using the long-term keys in [${printableInLine(partner.profile)}] (${maskKeyId(partner.keyId)}).\n`,
    );
    return {
      kind: "existing",
      target: partner.profile,
      keys: await longTermCredentials(partner, deps),
    };
  }
  return { kind: "new", target, keys: await newKeys(answers, deps), replaces: undefined };
}

function existingPartner(files: AwsFiles, answers: KeyAnswers) {
  try {
    const found = findLongTermKeys(files, answers.profile, answers.longTermProfile);
    return found.profile === answers.profile ? undefined : found;
  } catch {
    return undefined;
  }
}

async function wantsMove(
  profile: string,
  target: string,
  own: Credentials,
  flag: boolean | undefined,
  deps: Deps,
): Promise<boolean> {
  if (flag !== undefined) return flag;
  const terminal = deps.terminal();
  const question = `[${printableInLine(profile)}] holds long-term keys (${maskKeyId(own.accessKeyId)}). Move them to [${printableInLine(target)}], so that [${printableInLine(profile)}] can hold MFA sessions?`;
  if (!terminal) {
    throw noTerminalError(
      "an answer to whether to move the keys",
      `${question}\nAnswer with --move-keys (recommended) or --no-move-keys.`,
    );
  }
  return askConfirm(terminal, question, questionDeadline(deps.env), true);
}

async function confirmReplace(
  target: string,
  old: string,
  next: string,
  yes: boolean,
  deps: Deps,
): Promise<void> {
  if (yes) return;
  const question = `[${printableInLine(target)}] holds the keys ${maskKeyId(old)}. Replace them with ${maskKeyId(next)}? The old secret will be gone from the file.`;
  const terminal = deps.terminal();
  if (!terminal) throw noTerminalError("a confirmation", `${question}\nConfirm with --yes.`);
  if (!(await askConfirm(terminal, question, questionDeadline(deps.env), false))) {
    throw new CancelledError(`Left the keys in [${printableInLine(target)}] as they were.`);
  }
}

async function newKeys(answers: KeyAnswers, deps: Deps): Promise<Credentials> {
  const terminal = deps.terminal();
  let accessKeyId = answers.accessKeyId;
  if (accessKeyId === undefined) {
    if (!terminal) {
      throw noTerminalError(
        `the long-term access keys for ${printableInLine(answers.profile)}`,
        "Pass them as --access-key-id AKIA... --secret-access-key - (the secret on stdin).",
      );
    }
    accessKeyId = await askText(
      terminal,
      "AWS access key id (AKIA...):",
      questionDeadline(deps.env),
      {
        validate: (value) => keyIdProblem(value.trim()) ?? true,
      },
    );
  }
  accessKeyId = accessKeyId.trim();
  const problem = keyIdProblem(accessKeyId);
  if (problem) throw new UsageError(problem, { hint: "Copy the key id from the IAM console." });
  const secretAccessKey = await secret(answers, deps);
  return { accessKeyId, secretAccessKey };
}

export function keyIdProblem(id: string): string | undefined {
  if (isTemporaryKeyId(id)) {
    return "ASIA... keys are temporary session keys; configure needs your IAM user's long-term keys (AKIA...).";
  }
  if (!/^[A-Z0-9]{16,128}$/.test(id))
    return "That is not an AWS access key id (AKIA... and 20 characters).";
  return undefined;
}

/** How long `--secret-access-key -` waits for its line (a pipe whose writer never writes). */
const SECRET_STDIN_TIMEOUT_MS = 60_000;

async function secret(answers: KeyAnswers, deps: Deps): Promise<string> {
  let value: string | null;
  if (answers.secretFromStdin) {
    const line = await deps.io.readLine(SECRET_STDIN_TIMEOUT_MS);
    if (line === undefined) {
      throw new UserError(
        "--secret-access-key - reads the secret from stdin, but no line arrived within 60 s.",
        {
          code: "noTerminal",
          hint: "Check the command that pipes the secret in (e.g. pass show aws/alice | awsmfa configure ...).",
        },
      );
    }
    value = line;
    if (value === null) {
      throw new UsageError(
        "--secret-access-key - reads the secret from stdin, but stdin was empty.",
        {
          hint: "Pipe it in: pass show aws/alice | awsmfa configure prod --access-key-id AKIA... --secret-access-key -",
        },
      );
    }
  } else {
    const terminal = deps.terminal();
    if (!terminal) {
      throw noTerminalError(
        "the secret access key",
        "Pass --secret-access-key - and pipe the secret on stdin.",
      );
    }
    value = await askSecret(terminal, "AWS secret access key:", questionDeadline(deps.env));
  }
  const trimmed = value.trim();
  if (!/^\S{16,}$/.test(trimmed)) {
    throw new UsageError("That is not an AWS secret access key (40 characters, no spaces).", {
      hint: "Copy it from the file IAM gave you when the key was created.",
    });
  }
  return trimmed;
}
