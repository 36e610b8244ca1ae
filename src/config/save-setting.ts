/**
 * Writes a few keys into one profile's section of the config or credentials file: a minimal
 * edit under the file lock, atomic, every other byte untouched.
 */
import type { Deps } from "../deps.ts";
import { fileOptionsFrom, updateFile } from "../fs/index.ts";
import { type FileKind, setProfileKeys } from "../ini/index.ts";

export async function saveProfileSetting(
  deps: Pick<Deps, "fs" | "clock" | "processes" | "hooks" | "onInterrupt" | "io">,
  path: string,
  kind: FileKind,
  profile: string,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  await updateFile(
    deps.fs,
    path,
    (current) => setProfileKeys(current ?? "", { kind, profile }, values),
    fileOptionsFrom(deps),
  );
}
