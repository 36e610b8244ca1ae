/**
 * Endpoint overrides, as the AWS SDKs and CLI define them: a service-specific variable
 * (AWS_ENDPOINT_URL_STS) beats the global one (AWS_ENDPOINT_URL), which beats `endpoint_url`
 * in the profile; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns all of them off.
 * Without an override the SDK picks the regional endpoint of the partition.
 */
export type Service = "sts" | "iam" | "signin";

export function endpointOverride(
  service: Service,
  env: Readonly<Record<string, string | undefined>>,
  profileEndpoint?: string,
): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true") return undefined;
  return (
    nonEmpty(env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`]) ??
    nonEmpty(env.AWS_ENDPOINT_URL) ??
    nonEmpty(profileEndpoint)
  );
}

/**
 * FIPS and dual-stack endpoints, as the SDKs read them (the variable beats the profile's
 * use_fips_endpoint / use_dualstack_endpoint); off unless one of them says true.
 */
export function endpointVariants(
  env: Readonly<Record<string, string | undefined>>,
  profile: { fips?: string | undefined; dualstack?: string | undefined } = {},
): { useFipsEndpoint: boolean; useDualstackEndpoint: boolean } {
  const on = (variable: string | undefined, value: string | undefined) =>
    (nonEmpty(variable) ?? nonEmpty(value))?.toLowerCase() === "true";
  return {
    useFipsEndpoint: on(env.AWS_USE_FIPS_ENDPOINT, profile.fips),
    useDualstackEndpoint: on(env.AWS_USE_DUALSTACK_ENDPOINT, profile.dualstack),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The URL a call goes to, for messages (the SDK resolves the same one itself). */
export function describeEndpoint(
  service: Service,
  region: string,
  dnsSuffix: string,
  override: string | undefined,
): string {
  if (override) return override;
  if (service === "iam") {
    if (region.startsWith("cn-")) return `https://iam.cn-north-1.${dnsSuffix}`;
    if (region.startsWith("us-gov-")) return "https://iam.us-gov.amazonaws.com";
    return "https://iam.amazonaws.com";
  }
  return `https://${service}.${region}.${dnsSuffix}`;
}
