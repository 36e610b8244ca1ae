/** The locked, atomic writes behind key-edits.ts. */
import type { Credentials } from "../../aws/credentials.ts";
import type { Deps } from "../../deps.ts";
import { fileOptionsFrom, updateFile } from "../../fs/index.ts";
import { withKeysCopied, withKeysRemoved, withLongTermKeys } from "./key-edits.ts";

type WriteDeps = Pick<Deps, "fs" | "clock" | "processes" | "hooks" | "onInterrupt" | "io">;

export async function saveLongTermKeys(
  path: string,
  target: string,
  keys: Credentials,
  replaceable: string | undefined,
  deps: WriteDeps,
): Promise<void> {
  await updateFile(
    deps.fs,
    path,
    (current) => withLongTermKeys(current, target, keys, replaceable),
    fileOptionsFrom(deps),
  );
}

/**
 * Moves long-term keys from [from] to [to] in two atomic writes: a crash after the first leaves
 * the keys in both sections (and `awsmfa configure` finishes the move when run again), never
 * in neither.
 */
export async function moveLongTermKeys(
  path: string,
  from: string,
  to: string,
  deps: WriteDeps,
): Promise<void> {
  const options = fileOptionsFrom(deps);
  await updateFile(deps.fs, path, (current) => withKeysCopied(current, from, to), options);
  await updateFile(deps.fs, path, (current) => withKeysRemoved(current, from, to), options);
}
