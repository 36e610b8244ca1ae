/**
 * awsmfa console PROFILE: the AWS console, signed in as the role of a role profile. The role
 * session (got or reused as login does) is exchanged for a one-time sign-in link at the
 * federation endpoint of its partition; the link opens in the browser, or is printed with
 * --print. An IAM user's MFA session cannot sign in to the console: that gets an explanation
 * and the role profile to add, before any code is asked for.
 */
import { Command } from "@commander-js/extra-typings";
import { caCertificates } from "../../aws/ca-bundle.ts";
import { endpointOverride } from "../../aws/endpoints.ts";
import { partitionById, partitionOfArn } from "../../aws/partition.ts";
import { proxySetting } from "../../aws/proxy-errors.ts";
import { type AwsFiles, profileValue, readAwsFiles } from "../../config/aws-files.ts";
import { caBundleValue } from "../../config/ca-bundle-value.ts";
import { parseDuration } from "../../config/durations.ts";
import type { Deps } from "../../deps.ts";
import { ExitCode, pasteable, UserError } from "../../errors.ts";
import { getSession } from "../../session/get-session.ts";
import { requireKnownProfile } from "../../session/profile-exists.ts";
import { resolveRoleChain } from "../../session/roles/role-chain.ts";
import { isRoleProfile } from "../../session/roles/role-config.ts";
import { accountOfSerial, SERIAL_KEYS } from "../../session/serial-format.ts";
import { printableInLine } from "../../system/printable.ts";
import type { CommandContext } from "../context.ts";
import { applyEnv, envOption } from "../options/env.ts";
import {
  addSessionOptions,
  parseSessionOptions,
  type RawSessionOptions,
  type SessionOptions,
  sessionOtpLayers,
  sessionRequest,
} from "../options/session.ts";
import { checkOpener, DEFAULT_OPEN_TIMEOUT_MS, openInBrowser } from "./browser.ts";
import { consoleDestination } from "./destination.ts";
import { federationEndpoint, getSigninToken, loginUrl } from "./federation.ts";

export interface ConsoleOptions {
  session: SessionOptions;
  print: boolean;
  destination: string | undefined;
  /** How long to wait for the browser to ask for the link. */
  openTimeoutMs: number;
}

export function consoleCommand({ deps, state }: CommandContext) {
  const command = new Command("console")
    .description("open the AWS console as the role of a role profile")
    .argument("<profile>", "a role profile (role_arn + source_profile)")
    .option("--print", "print the sign-in link instead of opening it (it is a secret!)", false)
    .option(
      "--destination <url|service>",
      "the console page to open: a service (s3, ec2, iam...) or a console URL",
    )
    .addOption(
      envOption(
        "--open-timeout <time>",
        "how long to wait for the browser to open the link (default: 60s)",
        "AWSMFA_OPEN_TIMEOUT",
      ),
    );
  return addSessionOptions(command).action(async (profile, raw, self) => {
    applyEnv(self, deps.env);
    const opts = self.opts() as RawSessionOptions & { openTimeout?: string };
    state.exitCode = await runConsole(
      {
        session: parseSessionOptions(profile, opts, sessionOtpLayers(self)),
        print: raw.print,
        destination: raw.destination,
        openTimeoutMs:
          opts.openTimeout === undefined
            ? DEFAULT_OPEN_TIMEOUT_MS
            : parseDuration(opts.openTimeout, "--open-timeout") * 1000,
      },
      deps,
    );
  });
}

export async function runConsole(options: ConsoleOptions, deps: Deps): Promise<number> {
  const { profile } = options.session;
  const files = await readAwsFiles(deps);
  requireKnownProfile(files, profile);
  if (!isRoleProfile(files, profile)) throw consoleNeedsRole(files, profile);
  // The sign-in endpoint's settings and its proxy are checked before a code is asked for (the
  // role's partition from its configured ARN, as the session will have it).
  const override = endpointOverride(
    "signin",
    deps.env,
    profileValue(files, profile, "endpoint_url"),
  );
  const configured =
    partitionOfArn(profileValue(files, profile, "role_arn")?.trim() ?? "") ?? partitionById("aws");
  proxySetting(deps.env, federationEndpoint(configured, override));
  // The role profile's ca_bundle, else its base profile's, as for the role's STS calls.
  const base = resolveRoleChain(files, profile)?.base ?? profile;
  const ca = await caCertificates(deps, caBundleValue(files, [profile, base]))?.();
  // --destination and the browser too (exit 2, exit 3): a refusal after the session cost a
  // code. The partition is the role's (a role_arn is checked to name one, role-config.ts);
  // the region only adds ?region=, so the page is the same that is checked again below.
  consoleDestination(configured, undefined, options.destination);
  if (!options.print) await checkOpener(profile, deps);
  const result = await getSession(files, sessionRequest(options.session, files), deps);
  const roleArn = result.role?.roleArn ?? "";
  const partition = partitionOfArn(roleArn) ?? result.plan.region.partition;
  const endpoint = federationEndpoint(partition, override);
  // Checked before the sign-in token exists: a refused destination must not cost a link.
  const destination = consoleDestination(
    partition,
    result.context.region ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION,
    options.destination,
  );
  const token = await getSigninToken(result.session, endpoint, {
    proxy: proxySetting(deps.env, endpoint),
    ca,
  });
  const url = loginUrl(endpoint, token, destination);
  if (options.print) {
    deps.io.stdout.write(`${url}\n`);
    deps.io.stderr.write(
      "This link signs in to the AWS console for 15 minutes: treat it like a password.\n",
    );
    return ExitCode.ok;
  }
  await openInBrowser(url, profile, deps, options.openTimeoutMs);
  deps.io.stderr.write(
    `Opened the AWS console as ${printableInLine(roleArn)} (profile ${printableInLine(profile)}).\n`,
  );
  return ExitCode.ok;
}

/** Why a plain MFA profile cannot open the console, and the role profile that would. */
function consoleNeedsRole(files: AwsFiles, profile: string): UserError {
  const serial = SERIAL_KEYS.map((key) => profileValue(files, profile, key)).find(Boolean);
  const account = (serial && accountOfSerial(serial)) || "ACCOUNT";
  const signinHost = (serial && partitionOfArn(serial)?.signinHost) || "signin.aws.amazon.com";
  return new UserError(
    `${printableInLine(profile)} is an IAM user's MFA profile; the AWS console needs a role session.`,
    {
      hint: [
        "The console's federated sign-in accepts role sessions only, not an IAM user's MFA session.",
        `Add a role profile that uses ${printableInLine(profile)} as its source, in ${printableInLine(files.paths.config)}:`,
        `  [profile ${printableInLine(profile)}-console]`,
        `  role_arn = arn:aws:iam::${account}:role/ROLE_NAME`,
        `  source_profile = ${printableInLine(profile)}`,
        `then run: awsmfa console ${pasteable(`${profile}-console`)}`,
        `(As the IAM user itself, sign in with your password at https://${account}.${signinHost}/console.)`,
      ].join("\n"),
    },
  );
}
