/**
 * Which of awsmfa's private folders passed fs/private-folder.ts's check a moment ago. Apart
 * from the check, with no imports: the real Deps makes one for every run (system/index.ts),
 * and every command loads that.
 */

/** What the check asks of it (Deps.folderChecks). */
export interface FolderMemo {
  get(key: string): string | undefined;
  set(key: string, path: string): void;
}

/**
 * The folders found private a moment ago: a level asked for (its user, the path as asked) ->
 * its checked path. A fresh login checks the cache folder seven times (its lock, the cache
 * look under it, the fail marker, the cache write, the code-window record...), each a walk
 * from `/` down: 59 lstat calls, 15 of them needed. What passed stays passed for a moment:
 * every folder on the way is this user's or root's and writable by no one else (or sticky),
 * so no other user can change what was judged; only this user or root could, and a moment
 * later it is judged again (a login that waited for a person, exec's renewals for hours). A
 * refusal or a missing folder is never kept: it is judged again at the next ask; nor is a
 * pass under a folder writable by this user's group (its other members could swap it).
 */
export class CheckedFolders implements FolderMemo {
  private readonly passed = new Map<string, { path: string; at: number }>();

  /** `now` in ms; `forMs`: how long a pass holds, one login's checks with room to spare. */
  constructor(
    private readonly now: () => number,
    private readonly forMs = 2000,
  ) {}

  get(key: string): string | undefined {
    const entry = this.passed.get(key);
    if (entry === undefined) return undefined;
    const age = this.now() - entry.at;
    // A clock set back counts as old, never as fresh for ever.
    if (age >= 0 && age < this.forMs) return entry.path;
    this.passed.delete(key);
    return undefined;
  }

  set(key: string, path: string): void {
    this.passed.set(key, { path, at: this.now() });
  }

  get size(): number {
    return this.passed.size;
  }
}
