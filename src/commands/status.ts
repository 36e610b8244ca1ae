/**
 * awsmfa status [PROFILE]: what the current shell uses (or PROFILE's session), who it is
 * (GetCallerIdentity, skipped with --offline) and the time left. Exit 0 when the session is
 * valid, ExitCode.noSession (6) when it is expired, refused by AWS, or missing, so scripts can
 * test it: `awsmfa status --offline prod || awsmfa prod`.
 */
import { Command } from "@commander-js/extra-typings";
import { caCertificates } from "../aws/ca-bundle.ts";
import { maskKeyId } from "../aws/credentials.ts";
import { describeEndpoint, endpointOverride } from "../aws/endpoints.ts";
import { proxySetting } from "../aws/proxy-errors.ts";
import { resolveRegion } from "../aws/region.ts";
import { type CallerIdentity, getCallerIdentity } from "../aws/sts.ts";
import { callDeadlineMs } from "../aws/target.ts";
import { profileValue, readAwsFiles } from "../config/aws-files.ts";
import { caBundleValue } from "../config/ca-bundle-value.ts";
import type { Deps } from "../deps.ts";
import { AuthError, ExitCode } from "../errors.ts";
import { quoteForUser } from "../output/mode.ts";
import { isoSeconds } from "../output/variables.ts";
import { timeLeft } from "../profiles/session-status.ts";
import { type StatusSubject, statusSubject } from "../profiles/status-subject.ts";
import { secondsLeft } from "../session/cache.ts";
import { requireKnownProfile } from "../session/profile-exists.ts";
import { printableInLine } from "../system/printable.ts";
import type { CommandContext } from "./context.ts";
import { loginCommandFor } from "./login-command.ts";
import { chosenProfile } from "./options/profile.ts";

export interface StatusOptions {
  /** A profile named on the command line; else the shell's credentials are examined. */
  profile: string | undefined;
  offline: boolean;
  json: boolean;
  region: string | undefined;
}

export function statusCommand({ deps, state }: CommandContext) {
  return new Command("status")
    .description("show the session in use, who it is and the time left (exit 6 when none is valid)")
    .argument("[profile]", "profile to check (default: what this shell uses)")
    .option("-p, --profile <name>", "profile to check")
    .option("--offline", "do not ask AWS who the credentials belong to", false)
    .option("--json", "print JSON", false)
    .option("--region <region>", "region to call STS in")
    .action(async (positional, raw) => {
      // No AWS_PROFILE here: without a name, status examines what the shell holds.
      const given = { profile: raw.profile, profileFlag: raw.profile !== undefined };
      state.exitCode = await runStatus(
        {
          profile: chosenProfile(positional, given, null),
          offline: raw.offline,
          json: raw.json,
          region: raw.region,
        },
        deps,
      );
    });
}

interface Verdict {
  valid: boolean;
  /** Why not, for people: "expired", "no session", "AWS refused it: ...". */
  problem: string | undefined;
  identity: CallerIdentity | undefined;
}

export async function runStatus(options: StatusOptions, deps: Deps): Promise<number> {
  const files = await readAwsFiles(deps);
  // A profile named on the command line that exists nowhere is a typo, not a missing session.
  if (options.profile !== undefined) requireKnownProfile(files, options.profile);
  const subject = await statusSubject(files, options.profile, deps);
  const verdict = await judge(subject, options, files, deps);
  const now = deps.clock.now();
  if (options.json) {
    deps.io.stdout.write(
      `${JSON.stringify(toJson(subject, verdict, now, files.paths.credentials), null, 2)}\n`,
    );
  } else {
    deps.io.stdout.write(
      describe(subject, verdict, now, files.paths.credentials, quoteForUser(deps.env)),
    );
  }
  return verdict.valid ? ExitCode.ok : ExitCode.noSession;
}

async function judge(
  subject: StatusSubject,
  options: StatusOptions,
  files: Awaited<ReturnType<typeof readAwsFiles>>,
  deps: Deps,
): Promise<Verdict> {
  const credentials = subject.credentials;
  if (!credentials) return { valid: false, problem: "no session", identity: undefined };
  if (!credentials.sessionToken) {
    return { valid: false, problem: "long-term keys, not a session", identity: undefined };
  }
  const expiration = credentials.expiration;
  if (expiration && secondsLeft({ expiration }, deps.clock.now()) <= 0) {
    return { valid: false, problem: "expired", identity: undefined };
  }
  if (options.offline) return { valid: true, problem: undefined, identity: undefined };
  const profile = subject.kind === "profile" ? subject.profile : undefined;
  const region = resolveRegion({
    flag: options.region,
    profile: profile ? profileValue(files, profile, "region") : undefined,
    env: deps.env,
  });
  const endpoint = endpointOverride(
    "sts",
    deps.env,
    profile ? profileValue(files, profile, "endpoint_url") : undefined,
  );
  try {
    const identity = await getCallerIdentity(credentials, {
      region: region.region,
      partition: region.partition,
      endpoint,
      profile,
      now: deps.clock.now,
      deadlineMs: callDeadlineMs(deps.env),
      caCertificates: caCertificates(deps, profile ? caBundleValue(files, [profile]) : undefined),
      proxy: proxySetting(
        deps.env,
        endpoint ?? describeEndpoint("sts", region.region, region.partition.dnsSuffix, undefined),
      ),
    });
    return { valid: true, problem: undefined, identity };
  } catch (error) {
    // Expired early, revoked, or not ours: the session is not valid. A network failure is
    // not an answer, so it stays an error (exit 5).
    if (!(error instanceof AuthError)) throw error;
    const reason = error.message.replace(/\.$/, "");
    return { valid: false, problem: `AWS refused it: ${reason}`, identity: undefined };
  }
}

function describe(
  subject: StatusSubject,
  verdict: Verdict,
  now: number,
  path: string,
  quote?: (word: string) => string,
): string {
  const lines: Array<[string, string]> = [["Using", using(subject)]];
  const credentials = subject.credentials;
  if (subject.source && subject.source !== "environment") {
    lines.push(["Session", sourceText(subject, path, quote)]);
  }
  if (credentials) lines.push(["Key", maskKeyId(credentials.accessKeyId)]);
  if (credentials?.expiration) {
    lines.push([
      "Expires",
      `${isoSeconds(credentials.expiration)} (${timeLeft(credentials.expiration, now, true)})`,
    ]);
  }
  if (verdict.identity) {
    // AWS's answer, shown in one line each as any value.
    lines.push(
      ["Account", printableInLine(verdict.identity.account)],
      ["ARN", printableInLine(verdict.identity.arn)],
    );
  }
  lines.push(["Status", verdict.valid ? "valid" : statusProblem(subject, verdict, quote)]);
  return lines.map(([label, value]) => `${label.padEnd(9)}${value}\n`).join("");
}

function using(subject: StatusSubject): string {
  if (subject.kind === "environment") {
    const profile = subject.profile ? ` (AWS_PROFILE=${printableInLine(subject.profile)})` : "";
    return `the AWS_* variables of this shell${profile}`;
  }
  const why = subject.profileFrom === "named" ? "" : ` (${subject.profileFrom})`;
  return `profile ${printableInLine(subject.profile ?? "")}${why}`;
}

function sourceText(
  subject: StatusSubject,
  path: string,
  quote?: (word: string) => string,
): string {
  return subject.source === "file"
    ? `[${printableInLine(subject.profile ?? "")}] in ${printableInLine(path)}`
    : `awsmfa's cache (\`${loginCommandFor(subject.profile ?? "", quote)}\` puts it in the shell without a code)`;
}

function statusProblem(
  subject: StatusSubject,
  verdict: Verdict,
  quote?: (word: string) => string,
): string {
  const login = subject.profile ? loginCommandFor(subject.profile, quote) : "awsmfa PROFILE";
  return `${verdict.problem ?? "not valid"}; log in with \`${login}\``;
}

function toJson(subject: StatusSubject, verdict: Verdict, now: number, path: string) {
  const expiration = subject.credentials?.expiration;
  return {
    valid: verdict.valid,
    problem: verdict.problem ?? null,
    using: subject.kind,
    profile: subject.profile ?? null,
    source: subject.source ?? null,
    credentialsFile: subject.source === "file" ? path : null,
    accessKeyId: subject.credentials ? maskKeyId(subject.credentials.accessKeyId) : null,
    expiration: expiration ? isoSeconds(expiration) : null,
    secondsLeft: expiration ? Math.max(0, secondsLeft({ expiration }, now)) : null,
    identity: verdict.identity
      ? {
          Account: verdict.identity.account,
          Arn: verdict.identity.arn,
          UserId: verdict.identity.userId,
        }
      : null,
  };
}
