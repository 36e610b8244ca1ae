/**
 * `awsmfa list` as it was before its one-pass reader: every profile summarized through the
 * general readers (summarizeProfiles, findSession), the whole table made by renderTable. The
 * reference list-agreement.test.ts holds the command to, byte for byte.
 */
import { readAwsFiles } from "../../../src/config/aws-files.ts";
import type { Deps } from "../../../src/deps.ts";
import { isoSeconds } from "../../../src/output/variables.ts";
import {
  type ProfileSummary,
  partners,
  summarizeProfiles,
} from "../../../src/profiles/inventory.ts";
import {
  cachedSessionNames,
  type FoundSession,
  findSession,
  timeLeft,
} from "../../../src/profiles/session-status.ts";
import { secondsLeft } from "../../../src/session/cache.ts";
import { styleFor, useColour } from "../../../src/ui/report.ts";
import { type Cell, renderTable } from "../../../src/ui/table.ts";

interface Row extends ProfileSummary {
  found: FoundSession | null | undefined;
}

export async function generalList(options: { json: boolean }, deps: Deps): Promise<number> {
  const files = await readAwsFiles(deps);
  const summaries = summarizeProfiles(files);
  const serving = partners(summaries);
  const cached = await cachedSessionNames(deps);
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
    return 0;
  }
  if (rows.length === 0) {
    deps.io.stderr.write(
      `No profiles in ${files.paths.config} or ${files.paths.credentials}. \`awsmfa configure NAME\` sets one up.\n`,
    );
    return 0;
  }
  const style = styleFor(useColour(deps.env, deps.io.stdout.isTTY));
  const cells = rows.map((row): Cell[] => [
    { text: row.name, paint: style.bold },
    { text: row.kind },
    { text: row.serial ? row.serial.replace(/^arn:[^:]+:iam::/, "") : "-" },
    { text: row.region ?? "-" },
    sessionCell(row, now, style),
  ]);
  deps.io.stdout.write(renderTable(["PROFILE", "KIND", "MFA DEVICE", "REGION", "SESSION"], cells));
  return 0;
}

function sessionCell(row: Row, now: number, style: ReturnType<typeof styleFor>): Cell {
  if (row.found === undefined) return { text: "-" };
  if (row.found === null) return { text: "none", paint: style.dim };
  const { session, source } = row.found;
  const valid = secondsLeft(session, now) > 0;
  const text = `${timeLeft(session.expiration, now)}${source === "cache" ? " (cached)" : ""}`;
  return { text, paint: valid ? style.green : style.red };
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
