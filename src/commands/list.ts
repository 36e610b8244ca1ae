/**
 * awsmfa list (ls): every profile with its kind, MFA device, region and session state, read
 * from the files and the session cache only (no network, no SDK). Colour on a terminal only.
 */
import { Command } from "@commander-js/extra-typings";
import { readAwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { ExitCode } from "../errors.ts";
import { isoSeconds } from "../output/variables.ts";
import { type ProfileSummary, partners, summarizeProfiles } from "../profiles/inventory.ts";
import {
  cachedSessionNames,
  type FoundSession,
  findSession,
  timeLeft,
} from "../profiles/session-status.ts";
import { secondsLeft } from "../session/cache.ts";
import { styleFor, useColour } from "../ui/report.ts";
import { type Cell, renderTable } from "../ui/table.ts";
import type { CommandContext } from "./context.ts";

export interface ListOptions {
  json: boolean;
}

export function listCommand({ deps, state }: CommandContext) {
  return new Command("list")
    .alias("ls")
    .description("list profiles: kind, MFA device, region and session state")
    .option("--json", "print JSON", false)
    .action(async (raw) => {
      state.exitCode = await runList({ json: raw.json }, deps);
    });
}

interface Row extends ProfileSummary {
  /** undefined: the kind has no session of its own (other, a long-term partner). */
  found: FoundSession | null | undefined;
}

export async function runList(options: ListOptions, deps: Deps): Promise<number> {
  const files = await readAwsFiles(deps);
  const summaries = summarizeProfiles(files);
  const serving = partners(summaries);
  const cached = await cachedSessionNames(deps);
  // One row after the other, not 100,000 promises at once: only a profile whose cache file is
  // in the folder's listing opens a file, so nearly every await is of a settled promise.
  const rows: Row[] = [];
  for (const summary of summaries) {
    const own =
      summary.kind === "session" ||
      summary.kind === "role" ||
      (summary.kind === "long-term" && !serving.has(summary.name));
    const found = own
      ? ((await findSession(files, summary.name, deps, cached, { key: summary.cacheKey })) ?? null)
      : undefined;
    rows.push({ ...summary, found });
  }
  const now = deps.clock.now();
  if (options.json) {
    deps.io.stdout.write(
      `${JSON.stringify(
        rows.map((row) => jsonRow(row, now)),
        null,
        2,
      )}\n`,
    );
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    deps.io.stderr.write(
      `No profiles in ${files.paths.config} or ${files.paths.credentials}. \`awsmfa configure NAME\` sets one up.\n`,
    );
    return ExitCode.ok;
  }
  const style = styleFor(useColour(deps.env, deps.io.stdout.isTTY));
  const cells = rows.map((row): Cell[] => [
    { text: row.name, paint: style.bold },
    { text: row.kind },
    { text: row.serial ? shortSerial(row.serial) : "-" },
    { text: row.region ?? "-" },
    sessionCell(row, now, style),
  ]);
  deps.io.stdout.write(renderTable(["PROFILE", "KIND", "MFA DEVICE", "REGION", "SESSION"], cells));
  return ExitCode.ok;
}

function sessionCell(row: Row, now: number, style: ReturnType<typeof styleFor>): Cell {
  if (row.found === undefined) return { text: "-" };
  if (row.found === null) return { text: "none", paint: style.dim };
  const { session, source } = row.found;
  const valid = secondsLeft(session, now) > 0;
  const text = `${timeLeft(session.expiration, now)}${source === "cache" ? " (cached)" : ""}`;
  return { text, paint: valid ? style.green : style.red };
}

/** arn:aws:iam::123456789012:mfa/alice -> 123456789012:mfa/alice; serial numbers as they are. */
function shortSerial(serial: string): string {
  return serial.replace(/^arn:[^:]+:iam::/, "");
}

function jsonRow(row: Row, now: number) {
  const session =
    row.found === undefined
      ? null
      : row.found === null
        ? { state: "none" }
        : {
            state: secondsLeft(row.found.session, now) > 0 ? "valid" : "expired",
            expiration: isoSeconds(row.found.session.expiration),
            secondsLeft: Math.max(0, secondsLeft(row.found.session, now)),
            source: row.found.source,
          };
  return {
    name: row.name,
    kind: row.kind,
    longTermProfile: row.longTermProfile ?? null,
    mfaSerial: row.serial ?? null,
    region: row.region ?? null,
    session,
  };
}
