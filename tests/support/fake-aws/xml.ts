/** The AWS Query protocol's XML answers: one success envelope, one error envelope. */
import type { AwsError } from "./aws-error.ts";

export const NAMESPACES = {
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
} as const;

export type Service = keyof typeof NAMESPACES;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `<Name>value</Name>` with the value escaped. */
export function element(name: string, value: string | number | boolean): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` as STS and IAM answer. */
export function successXml(
  service: Service,
  action: string,
  result: string,
  requestId: string,
): string {
  return [
    `<${action}Response xmlns="${NAMESPACES[service]}">`,
    `  <${action}Result>`,
    `    ${result}`,
    `  </${action}Result>`,
    "  <ResponseMetadata>",
    `    ${element("RequestId", requestId)}`,
    "  </ResponseMetadata>",
    `</${action}Response>`,
    "",
  ].join("\n");
}

export function errorXml(service: Service, error: AwsError, requestId: string): string {
  return [
    `<ErrorResponse xmlns="${NAMESPACES[service]}">`,
    "  <Error>",
    `    ${element("Type", error.type)}`,
    `    ${element("Code", error.code)}`,
    `    ${element("Message", error.message)}`,
    "  </Error>",
    `  ${element("RequestId", requestId)}`,
    "</ErrorResponse>",
    "",
  ].join("\n");
}
