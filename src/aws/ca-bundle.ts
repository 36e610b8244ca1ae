/**
 * AWS_CA_BUNDLE and the profile's `ca_bundle`: the PEM file of certificates to trust for calls
 * to AWS, as the AWS CLI and boto3 read them (the variable beats the profile's setting). Users
 * behind a proxy that inspects TLS set it for those tools and expect the same here. As there,
 * the bundle is trusted instead of the built-in CAs, not besides them (fetch's `tls.ca`
 * replaces them, as botocore's `verify=PATH` does); NODE_EXTRA_CA_CERTS is the way to add to
 * them. A leading `~` is the home folder, as urllib3 expands it for the CLI (`$HOME` is not
 * expanded there, nor here).
 *
 * An empty value is not "unset": botocore takes AWS_CA_BUNDLE="" (or `ca_bundle =`) as the
 * verify setting itself, and an empty one verifies no certificate at all (the AWS CLI 2.9 and
 * 1.45 then trust any server: tests/e2e/ca-bundle.test.ts runs them). awsmfa never turns
 * certificate checks off, and does not quietly use other CAs than the ones the user's tools
 * use either: it refuses (exit 3) with what to do. A blank one (spaces) names no file for the
 * CLI either and is refused the same way.
 *
 * A bundle that is missing, unreadable or holds no certificate is the user's setting to fix
 * (exit 3, naming it): left to fetch, a bad `tls.ca` failed every call as "FailedToOpenSocket".
 * The file is read when the first call is made, once per target. Only a regular file is read:
 * a FIFO (or /dev/zero, a socket) would block or never end the read, and the process with it
 * (SIGTERM included, the read holding the event loop's answer); a file past MAX_BUNDLE_BYTES is
 * no CA bundle (the largest system bundles are ~250 KB) and is refused before it is read.
 */
import { constants } from "node:fs";
import { expandHome } from "../config/paths.ts";
import type { Deps, FileSystem } from "../deps.ts";
import { UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";

export interface CaBundleSetting {
  path: string;
  /** Where it came from, for messages: AWS_CA_BUNDLE or the profile's ca_bundle. */
  source: "AWS_CA_BUNDLE" | "ca_bundle";
}

/** The certificates (PEM blocks) to trust instead of the built-in CAs. */
export type CaCertificates = () => Promise<string[]>;

/** 16 MiB: sixty times the largest system bundle, well short of a read that fills memory. */
export const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;

export function caBundleSetting(
  env: Readonly<Record<string, string | undefined>>,
  profileValue: string | undefined,
): CaBundleSetting | undefined {
  const variable = env.AWS_CA_BUNDLE;
  if (variable !== undefined) return { path: variable.trim(), source: "AWS_CA_BUNDLE" };
  if (profileValue === undefined) return undefined;
  return { path: profileValue.trim(), source: "ca_bundle" };
}

/**
 * The bundle's certificates, read once; undefined when no bundle is set. `profileValue` is the
 * profile's ca_bundle as written (config/ca-bundle-value.ts), "" when it is set empty.
 */
export function caCertificates(
  deps: Pick<Deps, "env" | "fs" | "homedir">,
  profileValue: string | undefined,
): CaCertificates | undefined {
  const setting = caBundleSetting(deps.env, profileValue);
  if (!setting) return undefined;
  let certificates: Promise<string[]> | undefined;
  return () => {
    certificates ??= readBundle(setting, deps);
    return certificates;
  };
}

/** The setting as messages name it. */
function settingName(setting: CaBundleSetting): string {
  return setting.source === "ca_bundle" ? "ca_bundle in the profile's config" : "AWS_CA_BUNDLE";
}

/** The refusal of an empty or blank setting: the AWS CLI would verify no certificate. */
function emptyBundleError(setting: CaBundleSetting): UserError {
  const where = settingName(setting);
  const fix =
    setting.source === "ca_bundle"
      ? "Remove the empty ca_bundle line from the profile's section of ~/.aws/config to use the built-in CAs, or set it to the PEM file of the CA certificates to trust"
      : "Unset AWS_CA_BUNDLE (`unset AWS_CA_BUNDLE`) to use the built-in CAs, or set it to the PEM file of the CA certificates to trust";
  return new UserError(
    `${where} is set but empty: the AWS CLI takes that as "check no TLS certificate", and awsmfa never turns certificate checks off.`,
    { hint: `${fix} (e.g. your proxy's CA certificate).` },
  );
}

async function readBundle(
  setting: CaBundleSetting,
  { fs, homedir }: Pick<Deps, "fs" | "homedir">,
): Promise<string[]> {
  // Refused when a call is to be made, as a bad file is: a cached login needs no CAs.
  if (setting.path === "") throw emptyBundleError(setting);
  let text: string;
  let handle: Awaited<ReturnType<FileSystem["open"]>> | undefined;
  try {
    // Opened without blocking and judged through the same handle, as fs/read-regular.ts
    // reads: a FIFO is named, not waited on, and what was judged is what is read.
    handle = await fs.open(
      expandHome(setting.path, homedir),
      constants.O_RDONLY | (constants.O_NONBLOCK ?? 0),
    );
    const facts = await handle.stat();
    if (facts.isDirectory()) throw bundleError(setting, "it is a folder");
    if (!facts.isFile()) {
      throw bundleError(setting, "it is not a regular file (a FIFO, device or socket)");
    }
    if (facts.size > MAX_BUNDLE_BYTES) {
      throw bundleError(setting, `it is ${facts.size} bytes, past the 16 MiB a CA bundle may be`);
    }
    text = (await handle.readFile()).toString("utf8");
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: unknown }).code;
    const why =
      code === "ENOENT"
        ? "there is no such file"
        : code === "EACCES" || code === "EPERM"
          ? "it may not be read (permissions)"
          : code === "EISDIR"
            ? "it is a folder"
            : `it could not be read (${typeof code === "string" ? code : "error"})`;
    throw bundleError(setting, why);
  } finally {
    await handle?.close().catch(() => {});
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (!blocks)
    throw bundleError(setting, "it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
  // Loaded only when a bundle is set: the cached login path never pays for it.
  const { X509Certificate } = await import("node:crypto");
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      throw bundleError(setting, `its certificate number ${index + 1} cannot be read`);
    }
  }
  return blocks;
}

function bundleError(setting: CaBundleSetting, why: string): UserError {
  const where = settingName(setting);
  const fix =
    setting.source === "ca_bundle"
      ? "Fix or remove ca_bundle in the profile's section of ~/.aws/config"
      : "Set AWS_CA_BUNDLE to the PEM file of the CA certificates to trust, or unset it";
  return new UserError(
    `${where} "${printableInLine(setting.path)}" is not a CA bundle awsmfa can use: ${why}.`,
    {
      hint: `${fix} (a file of -----BEGIN CERTIFICATE----- blocks, e.g. your proxy's CA certificate; it replaces the built-in CAs for calls to AWS, as for the AWS CLI).`,
    },
  );
}
