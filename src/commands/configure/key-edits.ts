/**
 * The credentials-file edits of `awsmfa configure`, each a pure function of the file's text as
 * it is under the lock. Long-term keys are the one secret a user cannot get back, so:
 * - new keys go into the long-term profile only if it holds no other long-term keys, or the
 *   very ones the user agreed to replace;
 * - moving keys from [prod] to [prod-long-term] is two writes, copy then remove, so the keys
 *   are in the file at every moment, and the remove happens only when the copy is there.
 */
import type { Credentials } from "../../aws/credentials.ts";
import { maskKeyId } from "../../aws/credentials.ts";
import { UserError } from "../../errors.ts";
import { deleteProfileKeys } from "../../ini/index.ts";
import { keysInText, textWithKeys } from "../../keys/credentials-file.ts";
import { printableInLine } from "../../system/printable.ts";

const KEY_NAMES = ["aws_access_key_id", "aws_secret_access_key"] as const;

/**
 * Puts keys into [target]. `replaceable` is the key id the user agreed to replace there; any
 * other long-term keys found under the lock are refused.
 */
export function withLongTermKeys(
  current: string | null,
  target: string,
  keys: Credentials,
  replaceable: string | undefined,
): string {
  const there = keysInText(current, target);
  if (there && there.accessKeyId !== keys.accessKeyId && there.accessKeyId !== replaceable) {
    throw new UserError(
      `[${printableInLine(target)}] holds other long-term keys (${maskKeyId(there.accessKeyId)}); awsmfa will not replace them unasked.`,
      { hint: `Run \`awsmfa configure\` again and confirm the replacement (or pass --yes).` },
    );
  }
  return textWithKeys(current, target, keys);
}

/** Step 1 of a move: [to] gets the keys [from] holds now (nothing to do if already done). */
export function withKeysCopied(current: string | null, from: string, to: string): string {
  const keys = keysInText(current, from);
  if (!keys) {
    if (keysInText(current, to)) return current ?? "";
    throw changedUnderUs(`[${printableInLine(from)}] no longer holds long-term keys`);
  }
  return withLongTermKeys(current, to, keys, undefined);
}

/** Step 2 of a move: [from] loses its keys, but only once [to] holds the very same ones. */
export function withKeysRemoved(current: string | null, from: string, to: string): string {
  if (current === null) throw changedUnderUs(`${printableInLine(from)} is gone`);
  const moved = keysInText(current, from);
  if (!moved) return current;
  const copy = keysInText(current, to);
  if (
    !copy ||
    copy.accessKeyId !== moved.accessKeyId ||
    copy.secretAccessKey !== moved.secretAccessKey
  ) {
    throw changedUnderUs(
      `[${printableInLine(to)}] does not hold the keys of [${printableInLine(from)}], so they stay in [${printableInLine(from)}]`,
    );
  }
  return deleteProfileKeys(current, { kind: "credentials", profile: from }, KEY_NAMES);
}

function changedUnderUs(what: string): UserError {
  return new UserError(`${what}: the credentials file changed while awsmfa ran.`, {
    hint: "Nothing was lost. Run `awsmfa configure` again.",
  });
}
