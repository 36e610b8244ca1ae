/**
 * readOnlyFolder(): a credentials file in a folder its writer may not write to (mode 0500).
 * Root ignores folder permissions, so as root the writer runs as `nobody`
 * (support/other-user.ts): `prefix` is what to put before the child's command line.
 */
import { chmodSync, chownSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { asNobody, canDropPrivileges, isRoot, NOBODY } from "../../support/other-user.ts";
import { onWindows, scratchDir } from "./scratch.ts";

/** Whether a folder can be made read-only for the writer here (a non-root user, or setpriv). */
export const canMakeReadOnly = !onWindows && canDropPrivileges;

export interface ReadOnlyFolder {
  /** The scratch folder that holds `folder` (HOME for the child). */
  dir: string;
  folder: string;
  /** folder/credentials, holding the text given. */
  path: string;
  /** What runs the child as `nobody` when this is root, else nothing. */
  prefix: string[];
  /** Gives the folder its write permission back (for the checks and the clean-up). */
  restore(): void;
}

export function readOnlyFolder(text: string): ReadOnlyFolder {
  const dir = scratchDir("readonly");
  const folder = join(dir, "aws");
  const path = join(folder, "credentials");
  mkdirSync(folder);
  writeFileSync(path, text, { mode: 0o600 });
  if (isRoot) {
    chmodSync(dir, 0o755);
    chownSync(folder, NOBODY, NOBODY);
    chownSync(path, NOBODY, NOBODY);
  }
  chmodSync(folder, 0o500);
  return { dir, folder, path, prefix: asNobody(), restore: () => chmodSync(folder, 0o700) };
}
