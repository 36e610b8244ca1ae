/**
 * The one message for a folder of awsmfa's own (the cache, the key store's) that another user
 * could change (fs/private-folder.ts finds what; this says it): where, what is wrong, why it
 * matters, the command that fixes it (quoted for the user's shell by the error printer), and
 * how to choose another folder. Exit 3, like every file that cannot be used.
 */
import { pasteable as q, UserError } from "../errors.ts";
import type { FolderProblem } from "../fs/folder-rules.ts";
import { printableInLine } from "../system/printable.ts";

export interface FolderRole {
  /** "cache folder" */
  name: string;
  /** Who could do what: "who could plant sessions there, ..." */
  risk: string;
  /** A sentence on choosing another folder, by the setting that chose this one. */
  elsewhere: string;
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, "0");

export function unsafeFolder(problem: FolderProblem, root: string, role: FolderRole): UserError {
  const { path } = problem;
  const shown = printableInLine(path);
  const where =
    problem.place === "above"
      ? `${shown}, on the way to the ${role.name} ${printableInLine(root)},`
      : problem.place === "inside"
        ? `${shown} in the ${role.name}`
        : `The ${role.name} ${shown}`;
  const fault = {
    owner: `belongs to another user (uid ${problem.uid})`,
    writable: `can be written by other users (mode ${octal(problem.mode ?? 0)}${problem.place === "above" ? ", no sticky bit" : ""})`,
    link: `is a symbolic link${problem.uid === undefined ? "" : ` of another user (uid ${problem.uid})`}`,
    "not-folder": "is not a folder",
    loop: "has too many symbolic links (is there a loop?)",
  }[problem.what];
  const why = problem.what === "not-folder" || problem.what === "loop" ? "" : `, ${role.risk}`;
  const fix =
    problem.what === "writable" && problem.place !== "above"
      ? `Make it yours alone: chmod 700 ${q(path)}`
      : problem.what === "writable"
        ? `Stop others writing it: chmod go-w ${q(path)}  (or, for a shared folder like /tmp: chmod +t ${q(path)})`
        : problem.what === "link" && problem.place === "inside"
          ? `Remove the link (awsmfa makes a folder there): rm ${q(path)}`
          : problem.what === "not-folder"
            ? `Move it away; this shows what it is: ls -ld ${q(path)}`
            : `Check who made it and what is in it: ls -la ${q(path)}`;
  return new UserError(`${where} ${fault}${why}, so awsmfa will not use it.`, {
    hint: `${fix}\nOr ${role.elsewhere}\nNothing was changed.`,
  });
}
