/**
 * Endpoint overrides, as the AWS SDKs and CLI define them: a service-specific variable
 * (AWS_ENDPOINT_URL_STS) beats the global one (AWS_ENDPOINT_URL), which beats `endpoint_url`
 * in the profile; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns all of them off.
 * Without an override the SDK picks the regional endpoint of the partition.
 */
import { UserError } from "../errors.ts";
import { shownUrl } from "../system/shown-url.ts";

export type Service = "sts" | "iam" | "signin";

/**
 * The override in effect, checked: a value that is no http(s) URL is the user's setting to fix
 * (exit 3, naming where it came from), not a failed AWS call with the runtime's "Invalid URL".
 * So is one with a query string or fragment: the setting is "a URL including the scheme and
 * host, optionally a path" (AWS SDKs and Tools reference guide, service-specific endpoints);
 * awsmfa adds the request's own query after it (the console's federation URL became
 * `.../x?a=b#frag/federation?Action=...`, its session lost in the fragment), so anything
 * after the path is refused rather than guessed at, for every service alike.
 */
export function endpointOverride(
  service: Service,
  env: Readonly<Record<string, string | undefined>>,
  profileEndpoint?: string,
): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true") return undefined;
  const variable = `AWS_ENDPOINT_URL_${service.toUpperCase()}`;
  const sources: Array<[string, string | undefined]> = [
    [variable, env[variable]],
    ["AWS_ENDPOINT_URL", env.AWS_ENDPOINT_URL],
    ["endpoint_url", profileEndpoint],
  ];
  for (const [name, raw] of sources) {
    const value = nonEmpty(raw);
    if (value !== undefined) return checkedEndpoint(name, value);
  }
  return undefined;
}

function checkedEndpoint(name: string, value: string): string {
  const url = URL.parse(value);
  const wrong =
    url === null
      ? "it is not a URL"
      : !value.includes("://")
        ? "it does not start with http:// or https://"
        : url.protocol !== "http:" && url.protocol !== "https:"
          ? `awsmfa calls AWS over http:// or https://, not ${url.protocol}//`
          : /[?#]/.test(value)
            ? "it has a query string (?) or fragment (#), and an endpoint is a scheme, a host and at most a path"
            : undefined;
  if (wrong === undefined) return value;
  const where = name === "endpoint_url" ? "endpoint_url in the profile's config" : name;
  const fix =
    name === "endpoint_url"
      ? "Fix or remove endpoint_url in the profile's section of ~/.aws/config"
      : `Set ${name} to the endpoint's address or unset it`;
  // A user and password in it are never shown.
  const shown = shownUrl(value);
  throw new UserError(`${where} "${shown}" is not an endpoint awsmfa can call: ${wrong}.`, {
    hint: `${fix} (an http:// or https:// URL with no ? or #, e.g. https://sts.us-east-1.amazonaws.com or http://127.0.0.1:4566 for a local emulator).`,
  });
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
  // A user and password in it are never shown.
  if (override) return shownUrl(override);
  if (service === "iam") {
    if (region.startsWith("cn-")) return `https://iam.cn-north-1.${dnsSuffix}`;
    if (region.startsWith("us-gov-")) return "https://iam.us-gov.amazonaws.com";
    return "https://iam.amazonaws.com";
  }
  return `https://${service}.${region}.${dnsSuffix}`;
}

/** The partitions' dual-stack DNS suffixes (the SDK's PartitionResult#dualStackDnsSuffix). */
const DUALSTACK_SUFFIX: Readonly<Record<string, string>> = {
  "amazonaws.com": "api.aws",
  "amazonaws.com.cn": "api.amazonwebservices.com.cn",
};

/**
 * The URL a call really goes to, for the proxy that applies to its host (NO_PROXY is matched
 * on it): the override, else the SDK's STS endpoint with the FIPS and dual-stack variants
 * (sts-fips.REGION.api.aws, ...), else describeEndpoint's. IAM's variants are left to
 * describeEndpoint: its FIPS and dual-stack hosts vary by partition beyond this table.
 */
export function callUrl(
  service: Service,
  region: string,
  dnsSuffix: string,
  override: string | undefined,
  variants: { useFipsEndpoint: boolean; useDualstackEndpoint: boolean },
): string {
  if (override) return override;
  if (service !== "sts") return describeEndpoint(service, region, dnsSuffix, undefined);
  const host = variants.useFipsEndpoint ? "sts-fips" : "sts";
  const suffix = variants.useDualstackEndpoint
    ? (DUALSTACK_SUFFIX[dnsSuffix] ?? dnsSuffix)
    : dnsSuffix;
  return `https://${host}.${region}.${suffix}`;
}
