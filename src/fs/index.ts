/**
 * Safe writes of the user's files (DESIGN.md, "The user's files are sacred"). App code calls
 * `updateFile(deps.fs, path, edit, fileOptionsFrom(deps))`; the rest is exported for tests
 * and for the rare write that is not an edit.
 */
export { type WriteHooks, type WriteOptions, writeFileAtomic } from "./atomic-write.ts";
export { type HeldLock, type LockOptions, withFileLock, withHeldLock } from "./lock.ts";
export { fileOptionsFrom, type ProcessOptions } from "./options.ts";
export { readText, type UpdateOptions, type UpdateResult, updateFile } from "./update.ts";
