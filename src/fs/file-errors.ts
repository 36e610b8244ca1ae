/**
 * Turns the file-system errors a user can cause or fix (permissions, read-only or full disks,
 * a folder where a file should be) into UserErrors that say what failed and what to do.
 * Every write path in src/fs/ leaves the user's file as it was when it fails, so the hints say
 * so. Anything unexpected is returned unchanged: it is a bug, and should look like one.
 */
import { platform } from "node:os";
import { dirname } from "node:path";
import { pasteable as q, UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";

/**
 * What awsmfa was doing to `path` when the error happened. "replace": the rename of the new
 * file over `path`, once that new file was made in the same folder (atomic-write.ts).
 */
export type FileAction =
  | "read"
  | "write"
  | "lock"
  | "create-folder"
  | "replace"
  /** A replace whose new file could not be removed either: the folder refuses removals. */
  | "replace-in-append-only-folder";

const unchanged = "The file was not changed.";

export function errnoOf(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}

export function fileError(error: unknown, path: string, action: FileAction): unknown {
  if (error instanceof UserError) return error;
  const code = errnoOf(error);
  const describe = describers[code ?? ""];
  if (describe === undefined) return error;
  const { message, hint } = describe(path, action);
  return new UserError(message, { hint, cause: error });
}

/** Windows: a rename over `path` kept failing because another program has the file open. */
export function fileInUse(path: string, cause: unknown): UserError {
  return new UserError(
    `Cannot use ${printableInLine(path)}: the file is in use by another program (the process cannot access the file because it is being used by another process).`,
    {
      hint: `Close the program that has it open (an editor, a sync, backup or antivirus tool) and try again. ${unchanged}`,
      cause,
    },
  );
}

type Describer = (path: string, action: FileAction) => { message: string; hint: string };

const permissionDenied: Describer = (path, action) => {
  // For "create-folder", `path` is the folder itself.
  const folder = action === "create-folder" ? path : dirname(path);
  switch (action) {
    case "read":
      return {
        message: `Cannot read ${printableInLine(path)}: permission denied.`,
        hint: `Make it readable and writable by you: chmod u+rw ${q(path)} ${unchanged}`,
      };
    case "create-folder":
      return {
        message: `Cannot create the folder ${printableInLine(folder)}: permission denied.`,
        hint: `Create it yourself (mkdir -m 700 -p ${q(folder)}) or check its parent's owner.`,
      };
    default:
      return {
        message: `Cannot write ${printableInLine(path)}: permission denied in the folder ${printableInLine(folder)}.`,
        hint:
          "awsmfa replaces files safely by writing a new file next to the old one, so it needs " +
          `write permission on the folder as well as the file. Check: ls -ld ${q(folder)} ` +
          unchanged,
      };
  }
};

/**
 * EPERM, where EACCES means a mode: the system refuses whatever the modes say. An immutable or
 * append-only file or folder (chattr +i / +a on Linux, chflags on macOS and the BSDs), or, for
 * a rename, a file of another user in a sticky folder (as /tmp). What is refused depends on
 * the step: creating a file in the folder is the folder's; replacing the file, once a new file
 * was made beside it, is most often the file's own (an append-only folder refuses it too).
 */
const notPermitted: Describer = (path, action) => {
  const folder = action === "create-folder" ? path : dirname(path);
  switch (action) {
    case "read":
      return {
        message: `Cannot read ${printableInLine(path)}: operation not permitted.`,
        hint: `Check the file's owner and attributes: ls -l ${q(path)}; lsattr ${q(path)} ${unchanged}`,
      };
    case "create-folder":
      return {
        message: `Cannot create the folder ${printableInLine(folder)}: operation not permitted.`,
        hint: `The folder above it may be immutable or append-only: check with lsattr -d ${q(dirname(folder))}`,
      };
    case "replace":
      return {
        message: `Cannot replace ${printableInLine(path)}: the system does not let it be changed (operation not permitted), though awsmfa could create a file in its folder.`,
        hint:
          `The file is probably immutable or append-only: check with lsattr ${q(path)} ` +
          `(macOS: ls -lO ${q(path)}) and, if it should change, clear the flag as root: ` +
          `chattr -i -a ${q(path)} (macOS: chflags nouchg). An append-only folder ` +
          `(lsattr -d ${q(folder)}), or a sticky folder where the file is another user's ` +
          `(ls -l ${q(path)}), refuses it too. ${unchanged}`,
      };
    case "replace-in-append-only-folder":
      return {
        message: `Cannot replace ${printableInLine(path)}: its folder ${printableInLine(folder)} lets files be added but none be replaced or removed (operation not permitted).`,
        hint:
          `The folder is probably append-only: check with lsattr -d ${q(folder)} ` +
          `(macOS: ls -ldO ${q(folder)}) and, if it should change, clear the flag as root: ` +
          `chattr -a ${q(folder)} (macOS: chflags nosappnd). awsmfa's new file is left there, ` +
          `emptied, with its lock; the next run after that removes them. ${unchanged}`,
      };
    default:
      return {
        message: `Cannot write ${printableInLine(path)}: the system does not let awsmfa create a file in the folder ${printableInLine(folder)} (operation not permitted), whatever its permissions say.`,
        hint:
          `The folder is probably immutable: check with lsattr -d ${q(folder)} ` +
          `(macOS: ls -ldO ${q(folder)}) and, if it should change, clear the flag as root: ` +
          `chattr -i ${q(folder)} (macOS: chflags nouchg). ${unchanged}`,
      };
  }
};

function tooManyOpen(path: string): { message: string; hint: string } {
  return {
    message: `Cannot open ${printableInLine(path)}: too many files are open.`,
    hint: `Close some programs (or raise the limit: ulimit -n) and try again. ${unchanged}`,
  };
}

const describers: Record<string, Describer> = {
  // Windows: a sharing violation (another program holds the file open).
  EBUSY: (path) => {
    const { message, hint } = fileInUse(path, undefined);
    return { message, hint: hint ?? "" };
  },
  EACCES: permissionDenied,
  // Windows reports a denied access (an ACL) as EPERM too (libuv maps ERROR_ACCESS_DENIED so):
  // there it is a permission, and no chattr or lsattr exists.
  EPERM: platform() === "win32" ? permissionDenied : notPermitted,
  EROFS: (path) => ({
    message: `Cannot write ${printableInLine(path)}: the file system is read-only.`,
    hint:
      "Use a file on a writable file system (AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE " +
      `choose where the AWS files are). ${unchanged}`,
  }),
  ENOSPC: (path) => ({
    message: `Cannot write ${printableInLine(path)}: no space left on the device.`,
    hint: `Free some disk space and try again. ${unchanged}`,
  }),
  EDQUOT: (path) => ({
    message: `Cannot write ${printableInLine(path)}: your disk quota is exceeded.`,
    hint: `Free some space in your quota and try again. ${unchanged}`,
  }),
  EISDIR: (path) => ({
    message: `${printableInLine(path)} is a folder, not a file.`,
    hint: `Move the folder away, or point awsmfa at a file. ${unchanged}`,
  }),
  ENOTDIR: (path) => ({
    message: `Cannot use ${printableInLine(path)}: a part of its path is a file, not a folder.`,
    hint: `Check each part of the path with ls -ld. ${unchanged}`,
  }),
  // Issue 11 item 12, other cases: errors a user's path or disk causes, not awsmfa.
  ENAMETOOLONG: (path) => ({
    message: `Cannot use ${printableInLine(path)}: the path, or one of its names, is too long for the file system.`,
    hint:
      "Choose a shorter path (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE and AWSMFA_CACHE_DIR " +
      `choose where awsmfa's files are). ${unchanged}`,
  }),
  EIO: (path, action) => ({
    message: `Cannot ${action === "read" ? "read" : "write"} ${printableInLine(path)}: input/output error (a failing disk or network share, or a file that cannot be read like a file).`,
    hint: `Check the disk and the file (ls -l ${q(path)}), then try again. ${unchanged}`,
  }),
  ENXIO: (path) => ({
    message: `Cannot open ${printableInLine(path)}: it is a socket or a device with nothing behind it, not a regular file.`,
    hint: `Move it away, or point awsmfa at a regular file. ${unchanged}`,
  }),
  EMFILE: tooManyOpen,
  ENFILE: tooManyOpen,
  ELOOP: (path, action) => ({
    message: `Cannot ${action === "read" ? "read" : "write"} ${printableInLine(path)}: too many symbolic links (is there a loop?).`,
    hint: `Look at where the link points: ls -l ${q(path)} ${unchanged}`,
  }),
};
