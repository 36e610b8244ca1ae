/** The region of a profile, as the AWS CLI reads it (the `region` key of the config file). */
import { type AwsFiles, profileValue } from "./aws-files.ts";

export function profileRegion(files: AwsFiles, profile: string): string | undefined {
  return profileValue(files, profile, "region");
}
