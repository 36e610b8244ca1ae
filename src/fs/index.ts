/**
 * src/fs/ (base layer): atomic writes and the lock file. May import deps.ts/errors.ts and
 * nothing above base.
 *
 * Safe writes of the user's files (DESIGN.md, "The user's files are sacred"). App code calls
 * `updateFile(deps.fs, path, edit, fileOptionsFrom(deps))`; the rest is exported for the rare
 * write that is not an edit (tests import the files themselves).
 */
export { writeFileAtomic } from "./atomic-write.ts";
export { fileOptionsFrom, unflushedFileOptionsFrom } from "./from-deps.ts";
export { LockTimeoutError, withFileLock } from "./lock.ts";
export { readText, updateFile } from "./update.ts";
