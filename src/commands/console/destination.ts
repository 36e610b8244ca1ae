/**
 * Where the console opens: its home page in the profile's region, a service's page
 * (`--destination s3`), or any console URL given whole. Pure.
 */
import type { Partition } from "../../aws/partition.ts";
import { UsageError } from "../../errors.ts";

export function consoleDestination(
  partition: Partition,
  region: string | undefined,
  wanted: string | undefined,
): string {
  const base = `https://${partition.consoleHost}`;
  const inRegion = region ? `?region=${encodeURIComponent(region)}` : "";
  if (wanted === undefined || wanted === "") return `${base}/console/home${inRegion}`;
  if (/^https:\/\/[^/\s]+/.test(wanted)) return wanted;
  if (/^[a-z0-9][a-z0-9-]*$/.test(wanted)) return `${base}/${wanted}/home${inRegion}`;
  throw new UsageError(`--destination "${wanted}" is neither a console URL nor a service name.`, {
    hint: `Use a service such as s3, ec2, iam, cloudwatch, or a whole URL: ${base}/...`,
  });
}
