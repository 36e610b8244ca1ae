/**
 * An endpoint whose TLS certificate this computer does not trust. Since STS/IAM calls honour
 * HTTPS_PROXY (fetch-handler.ts), the usual cause is a proxy or security software that inspects
 * HTTPS and signs with its own CA; before, such a failure printed "GetSessionToken failed
 * (profile ...): Error: self signed certificate" with exit 4, as if AWS had refused the keys.
 * AWS itself never answers with an untrusted certificate: this is the network's doing (exit 5).
 */
import { NetworkError } from "../errors.ts";

/** The codes fetch (and node:tls) give a certificate it will not accept, with what they mean. */
const UNTRUSTED: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "it is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "it is signed by a CA this computer does not trust",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "it is signed by a CA this computer does not trust",
  UNABLE_TO_GET_ISSUER_CERT: "it is signed by a CA this computer does not trust",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "it is signed by a CA this computer does not trust",
  CERT_UNTRUSTED: "it is signed by a CA this computer does not trust",
  CERT_HAS_EXPIRED: "it has expired (or this computer's clock is wrong)",
  CERT_NOT_YET_VALID: "it is not valid yet (or this computer's clock is wrong)",
  ERR_TLS_CERT_ALTNAME_INVALID: "it is for another host name",
};

/** A NetworkError when the call failed on the endpoint's certificate; undefined otherwise. */
export function untrustedCertificate(
  error: unknown,
  call: { endpoint: string },
): NetworkError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const why = typeof code === "string" ? UNTRUSTED[code] : undefined;
  if (!why) return undefined;
  return new NetworkError(
    `Could not reach AWS STS/IAM at ${call.endpoint}: its TLS certificate is not trusted (${why}).`,
    {
      hint: "A proxy or security software that inspects HTTPS may be answering for AWS. If your organisation gave you its CA certificate, name that file in NODE_EXTRA_CA_CERTS; otherwise check HTTPS_PROXY and AWS_ENDPOINT_URL.",
      cause: error,
    },
  );
}
