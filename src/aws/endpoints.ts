/**
 * Endpoint overrides, as the AWS SDKs and CLI define them: a service-specific variable
 * (AWS_ENDPOINT_URL_STS) beats the global one (AWS_ENDPOINT_URL), which beats `endpoint_url`
 * in the profile; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns all of them off.
 * Without an override the SDK picks the regional endpoint of the partition.
 */
import { UserError } from "../errors.ts";
import { shownUrl } from "../system/shown-url.ts";
import { type PartitionId, partitionById } from "./partition.ts";

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
          : value.includes("?") || value.includes("#") // /[?#]/, which would compile each run
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
const DUALSTACK_SUFFIX: Readonly<Record<PartitionId, string>> = {
  aws: "api.aws",
  "aws-cn": "api.amazonwebservices.com.cn",
  "aws-us-gov": "api.aws",
};

/**
 * IAM's host per partition and variant, as @aws-sdk/client-iam's endpoint rules give them
 * (IAM is global: one host per partition). GovCloud has no FIPS host of its own: its one host
 * is FIPS already.
 */
const IAM_HOSTS: Readonly<Record<PartitionId, readonly [string, string, string, string]>> = {
  // plain, dual-stack, FIPS, FIPS and dual-stack
  aws: [
    "iam.amazonaws.com",
    "iam.global.api.aws",
    "iam-fips.amazonaws.com",
    "iam-fips.global.api.aws",
  ],
  "aws-cn": [
    "iam.cn-north-1.amazonaws.com.cn",
    "iam.global.api.amazonwebservices.com.cn",
    "iam-fips.amazonaws.com.cn",
    "iam-fips.api.amazonwebservices.com.cn",
  ],
  "aws-us-gov": [
    "iam.us-gov.amazonaws.com",
    "iam.us-gov.api.aws",
    "iam.us-gov.amazonaws.com",
    "iam.us-gov.api.aws",
  ],
};

/**
 * The URL a call really goes to, for the proxy that applies to its host (NO_PROXY is matched
 * on it): the override, else the SDK's endpoint for the service with the FIPS and dual-stack
 * variants (sts-fips.REGION.api.aws, iam-fips.global.api.aws, ...). tests/aws/endpoints.test.ts
 * sends a request through the SDK's clients for every partition and variant and compares.
 */
export function callUrl(
  service: "sts" | "iam",
  region: string,
  partition: PartitionId,
  override: string | undefined,
  variants: { useFipsEndpoint: boolean; useDualstackEndpoint: boolean },
): string {
  if (override) return override;
  const { useFipsEndpoint: fips, useDualstackEndpoint: dualstack } = variants;
  if (service === "iam")
    return `https://${IAM_HOSTS[partition][(fips ? 2 : 0) + (dualstack ? 1 : 0)]}`;
  // GovCloud's STS hosts are FIPS already: its rules give sts-fips only with dual-stack.
  const host = fips && (partition !== "aws-us-gov" || dualstack) ? "sts-fips" : "sts";
  const suffix = dualstack ? DUALSTACK_SUFFIX[partition] : partitionById(partition).dnsSuffix;
  return `https://${host}.${region}.${suffix}`;
}
