/**
 * `awsmfa list`'s run: list.ts defines the command for commander, and cli.ts runs a plain
 * `list` or `ls` line (with `--json` or not) through runList without building the parser
 * (commander and the command definitions, ~3-4 ms of every `list`; docs/performance.md).
 * Either way the same options reach runList.
 */
import { type AwsTexts, readAwsTextsAndBytes } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { ExitCode } from "../../errors.ts";
import { scanInventory } from "../../profiles/inventory-scan.ts";
import { ListedSessions } from "../../profiles/listed-sessions.ts";
import { ProfileKeys } from "../../profiles/profile-keys.ts";
import { cachedSessionNames } from "../../profiles/session-status.ts";
import { keepBelowTopTier } from "../../system/below-top-tier.ts";
import { printableInLine } from "../../system/printable.ts";
import { styleFor, useColour } from "../../ui/report.ts";
import { writeFastTable } from "./fast-table.ts";
import { type Found, writeJson, writeTable } from "./write.ts";

/** Bytes of both files from which list keeps its hot functions below FTL (~5,000 profiles). */
const LARGE_FILES = 512 * 1024;

export interface ListOptions {
  json: boolean;
}

/**
 * The one command that reads every profile (up to 100,000): the plain table of the files
 * nearly everyone has is made from positions in them (list/fast-table.ts); else each file is
 * read in one pass for the keys the summaries need (profiles/profile-keys.ts), not through the
 * general readers, which answer the same (tests/commands/list/agreement.test.ts).
 */
export async function runList(options: ListOptions, deps: Deps): Promise<number> {
  const read = await readAwsTextsAndBytes(deps);
  const texts: AwsTexts = read;
  // ~5,000 profiles and more: see system/below-top-tier.ts (the bytes: the texts are decoded
  // only where they are read, readAwsTextsAndBytes)
  if ((read.bytes[0]?.length ?? 0) + (read.bytes[1]?.length ?? 0) >= LARGE_FILES) {
    keepBelowTopTier();
  }
  const colour = useColour(deps.env, deps.io.stdout.isTTY);
  // The files nearly everyone has, read as positions (list/fast-table.ts); else below.
  if (!options.json && !colour && (await writeFastTable(texts, read.bytes, deps)))
    return ExitCode.ok;
  // The general readers read the texts (decoded here, from the bytes): the bytes can go.
  read.bytes = [null, null];
  const keys = new ProfileKeys(texts);
  const { rows, serving } = scanInventory(keys);
  const sessions = await ListedSessions.of(keys, texts, deps, await cachedSessionNames(deps));
  // Every session is found before anything is written: a cache folder that others can write
  // is refused with nothing on stdout. One row after the other, and a promise only where a
  // file is read.
  const found: Found[] = [];
  for (let profile = 0; profile < rows.length; profile++) {
    const row = rows[profile]!;
    const own =
      row.kind === "session" ||
      row.kind === "role" ||
      (row.kind === "long-term" && serving[profile] === 0);
    let session = own ? sessions.find(profile, row) : undefined;
    if (session instanceof Promise) session = await session;
    found.push(own ? (session ?? null) : undefined);
  }
  const now = deps.clock.now();
  if (options.json) {
    writeJson(rows, found, now, deps);
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    deps.io.stderr.write(
      `No profiles in ${printableInLine(texts.paths.config)} or ${printableInLine(texts.paths.credentials)}. \`awsmfa configure NAME\` sets one up.\n`,
    );
    return ExitCode.ok;
  }
  writeTable(
    rows,
    found,
    { now, style: styleFor(colour), ascii: keys.ascii, plain: !colour },
    deps,
  );
  return ExitCode.ok;
}
