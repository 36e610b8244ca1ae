/**
 * awsmfa keys rotate PROFILE: a fresh access key in the place of the old one. With the
 * profile's MFA session (IAM's self-manage policy wants MFA): ListAccessKeys (two keys already:
 * stop, nothing changed), note the old id in the config (awsmfa_rotating_from), CreateAccessKey,
 * store the new key where the old one was (read back), wait until STS accepts it, delete the
 * old key, clear the note. Interrupted anywhere, the store holds a key that works (the old one
 * until the new one is stored), and a rerun finishes the rotation or says what to do.
 */

import { createAccessKey, deleteAccessKey, listAccessKeys } from "../../aws/access-keys.ts";
import { type Credentials, maskKeyId } from "../../aws/credentials.ts";
import { readAwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { ExitCode, pasteableCommand, profileArg, UserError } from "../../errors.ts";
import { rotatingFrom, setPlacement, setRotating } from "../../keys/placement.ts";
import { keyStore } from "../../keys/registry.ts";
import type { KeyStoreName } from "../../keys/store.ts";
import { getSession } from "../../session/get-session.ts";
import { longTermCredentials } from "../../session/long-term-credentials.ts";
import { printableInLine } from "../../system/printable.ts";
import { type SessionOptions, sessionRequest } from "../options/session.ts";
import { waitUntilAccepted } from "./wait-for-key.ts";

export async function runKeysRotate(options: SessionOptions, deps: Deps): Promise<number> {
  const say = (line: string) => deps.io.stderr.write(`${line}\n`);
  const step = (n: number) => deps.hooks.afterStep?.(n);
  const files = await readAwsFiles(deps);
  const result = await getSession(files, sessionRequest(options, files), deps);
  if (result.role) {
    throw new UserError(
      `${printableInLine(options.profile)} is a role profile; rotate the keys of its MFA profile.`,
      {
        hint: `Run \`${pasteableCommand("awsmfa", "keys", "rotate", profileArg(result.plan.profile))}\`.`,
      },
    );
  }
  const { longTerm } = result.plan;
  // Both are called, before and after the new key exists: their settings are checked first.
  const iam = result.plan.iam();
  const sts = result.plan.sts();
  if (longTerm.source.kind === "process") {
    throw new UserError(
      `The keys of ${printableInLine(longTerm.profile)} come from its credential_process; awsmfa cannot store a new key there.`,
    );
  }
  const storeName: KeyStoreName =
    longTerm.source.kind === "store" ? longTerm.source.store : "credentials-file";
  const store = keyStore(storeName);
  const holder = longTerm.profile;
  const current = await longTermCredentials(longTerm, deps);
  const session = result.session;
  const keys = await listAccessKeys(session, iam);
  const ids = keys.map((key) => key.accessKeyId);
  const marker = rotatingFrom(files, holder);
  const configPath = files.paths.config;

  if (marker && marker !== current.accessKeyId) {
    // The new key was stored before the interruption: finish with it.
    if (ids.includes(marker)) await finish(marker);
    else await setRotating(configPath, holder, undefined, deps);
    say(
      `The rotation of ${printableInLine(holder)} is complete: ${maskKeyId(current.accessKeyId)} is in the ${storeName} key store, ${maskKeyId(marker)} is deleted.`,
    );
    return ExitCode.ok;
  }
  if (keys.length >= 2) {
    const others = ids.filter((id) => id !== current.accessKeyId).map(maskKeyId);
    const interrupted = marker === current.accessKeyId;
    throw new UserError(
      interrupted
        ? `An interrupted rotation left the key ${others.join(", ")} in IAM, but its secret was never stored: it is of no use. Your key ${maskKeyId(current.accessKeyId)} still works.`
        : `The IAM user already has two access keys (${ids.map(maskKeyId).join(", ")}; ${maskKeyId(current.accessKeyId)} is the one in the ${storeName} key store). IAM allows two, so a new one cannot be made. Nothing was changed.`,
      {
        hint: `Delete ${others.length === 1 ? "the other key" : "one key"} in the IAM console (Security credentials) if nothing uses it, then run \`${pasteableCommand("awsmfa", "keys", "rotate", profileArg(options.profile))}\` again.`,
      },
    );
  }

  await setRotating(configPath, holder, current.accessKeyId, deps);
  step(1);
  const fresh = await createAccessKey(session, iam);
  step(2);
  try {
    await store.write(holder, fresh, deps, current.accessKeyId);
    const back = await store.read(holder, deps);
    if (back?.secretAccessKey !== fresh.secretAccessKey)
      throw new UserError("the key read back differs");
    if (storeName !== "credentials-file") {
      await setPlacement(await readAwsFiles(deps), holder, storeName, fresh, deps);
    }
  } catch (error) {
    // The old key is still the stored one: undo the new key, so the user is where they were.
    await deleteAccessKey(session, fresh.accessKeyId, iam).catch(() => undefined);
    await setRotating(configPath, holder, undefined, deps).catch(() => undefined);
    const why = error instanceof Error ? error.message : String(error);
    throw new UserError(
      `The new key could not be stored in the ${storeName} key store (${why}); it was deleted again and your key ${maskKeyId(current.accessKeyId)} is unchanged.`,
      { cause: error },
    );
  }
  say(
    `Stored the new key ${maskKeyId(fresh.accessKeyId)} for ${printableInLine(holder)} in the ${storeName} key store.`,
  );
  step(3);
  await finish(current.accessKeyId, fresh);
  say(
    `Rotated the keys of ${printableInLine(holder)}: ${maskKeyId(current.accessKeyId)} is deleted, ${maskKeyId(fresh.accessKeyId)} is in use. The next login asks for a code.`,
  );
  return ExitCode.ok;

  async function finish(oldId: string, fresh?: Credentials): Promise<void> {
    const stored = fresh ?? current;
    if (!(await waitUntilAccepted(stored, sts, deps))) {
      throw new UserError(
        `AWS does not accept the new key ${maskKeyId(stored.accessKeyId)} yet (IAM can take a while); it is stored, and the old key ${maskKeyId(oldId)} still exists.`,
        {
          code: "auth",
          hint: `Run \`${pasteableCommand("awsmfa", "keys", "rotate", profileArg(options.profile))}\` again in a minute to delete the old key.`,
        },
      );
    }
    step(4);
    await deleteAccessKey(session, oldId, iam).catch((error) => {
      // Already gone (a rerun after the delete) is what we wanted.
      if (!/cannot be found|NoSuchEntity/i.test(String((error as Error).message))) throw error;
    });
    step(5);
    await setRotating(configPath, holder, undefined, deps);
  }
}
