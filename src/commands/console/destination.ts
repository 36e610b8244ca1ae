/**
 * Where the console opens: its home page in the profile's region, a service's page
 * (`--destination s3`), or a console URL given whole. Pure.
 *
 * A whole URL must be on the partition's console host (or a regional subdomain of it, such as
 * eu-west-1.console.aws.amazon.com): the sign-in link carries the session to the destination,
 * so any other host would turn awsmfa into a redirector to a page of someone else's choosing.
 */
import type { Partition } from "../../aws/partition.ts";
import { UsageError } from "../../errors.ts";
import { printableInLine } from "../../system/printable.ts";

export function consoleDestination(
  partition: Partition,
  region: string | undefined,
  wanted: string | undefined,
): string {
  const base = `https://${partition.consoleHost}`;
  const inRegion = region ? `?region=${encodeURIComponent(region)}` : "";
  if (wanted === undefined || wanted === "") return `${base}/console/home${inRegion}`;
  if (/^https?:\/\//i.test(wanted)) return consoleUrl(partition, wanted);
  if (/^[a-z0-9][a-z0-9-]*$/.test(wanted)) return `${base}/${wanted}/home${inRegion}`;
  throw new UsageError(
    `--destination "${printableInLine(wanted)}" is neither a console URL nor a service name.`,
    {
      hint: `Use a service such as s3, ec2, iam, cloudwatch, or a whole URL: ${base}/...`,
    },
  );
}

/** `wanted` if it is an https URL on the partition's console host; a usage error otherwise. */
function consoleUrl(partition: Partition, wanted: string): string {
  const host = partition.consoleHost;
  let url: URL | undefined;
  try {
    url = new URL(wanted);
  } catch {
    url = undefined;
  }
  const onConsole =
    url !== undefined &&
    url.protocol === "https:" &&
    url.username === "" &&
    url.password === "" &&
    url.port === "" &&
    (url.hostname === host || url.hostname.endsWith(`.${host}`)) &&
    !/\s/.test(wanted);
  if (onConsole) return wanted;
  throw new UsageError(
    `--destination "${printableInLine(wanted)}" is not a page of the ${partition.name} console (${host}).`,
    {
      hint: `Use a URL on https://${host}/ (or a region's console, https://REGION.${host}/), or a service name such as s3.`,
    },
  );
}
