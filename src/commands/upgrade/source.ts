/**
 * How this awsmfa was installed, which decides how it is upgraded. The installers leave
 * `.awsmfa-install` next to the binary (install.sh: "releases=URL" for GitHub-style releases,
 * "mirror=URL" for a --base-url folder); npm, Homebrew and Scoop installs are recognised by
 * where the binary lives, and they upgrade through their own package manager.
 */
import { dirname, join } from "node:path";
import type { FileSystem } from "../../deps.ts";
import { readRegularText } from "../../fs/read-regular.ts";

export const RECORD_NAME = ".awsmfa-install";

export type InstallSource =
  | { kind: "releases"; url: string }
  | { kind: "mirror"; url: string }
  | { kind: "manager"; manager: string; command: string }
  | { kind: "unknown"; record: string };

const MANAGERS: { pattern: RegExp; manager: string; command: string }[] = [
  {
    pattern: /[\\/]node_modules[\\/]@awsmfa[\\/]/,
    manager: "npm",
    command: "npm install -g awsmfa@latest",
  },
  {
    pattern: /[\\/](Cellar|homebrew|linuxbrew)[\\/]/i,
    manager: "Homebrew",
    command: "brew upgrade awsmfa",
  },
  { pattern: /[\\/]scoop[\\/]apps[\\/]/i, manager: "Scoop", command: "scoop update awsmfa" },
];

/** Parses the record's "key=value" lines (comments start with #). */
export function parseRecord(text: string): InstallSource | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = /^(releases|mirror)=(https?:\/\/\S+)$/.exec(line.trim());
    if (match)
      return { kind: match[1] as "releases" | "mirror", url: match[2]!.replace(/\/+$/, "") };
  }
  return undefined;
}

export async function installSource(fs: FileSystem, selfPath: string): Promise<InstallSource> {
  const managed = MANAGERS.find((m) => m.pattern.test(selfPath));
  if (managed) return { kind: "manager", manager: managed.manager, command: managed.command };
  const record = join(dirname(selfPath), RECORD_NAME);
  // A FIFO, a device or a huge file there is refused (exit 3), not read for ever.
  const text = await readRegularText(fs, record, { maxBytes: 64 * 1024 });
  return (text !== null && parseRecord(text)) || { kind: "unknown", record };
}

/** The folder that holds the wanted release's assets. */
export function releaseFolder(source: InstallSource, version: string | undefined): string {
  if (source.kind === "mirror") return source.url;
  if (source.kind !== "releases") throw new Error(`no release folder for ${source.kind}`);
  return version ? `${source.url}/download/${version}` : `${source.url}/latest/download`;
}
