// @ts-nocheck: it re-exports the SDK's own ES module files, which have no types beside them.
/**
 * What stands in for @aws-sdk/xml-builder wherever the AWS SDK imports it, in the binary
 * (tsconfig.build.json "paths", as for sdk-serde-stand-in.ts): the package's index, export for
 * export, from the same files, but for parseXML, which reads every STS and IAM answer and comes
 * from aws/sdk-xml-parser.ts (the same answers without the package's character-by-character
 * loops: ~0.5 ms of a fresh login's answer, cold).
 *
 * Written for @aws-sdk/xml-builder 3.972: tests/aws/sdk-xml-parser.test.ts compares this list
 * with the package's index.
 */
export { XmlNode } from "../../node_modules/@aws-sdk/xml-builder/dist-es/XmlNode.js";
export { XmlText } from "../../node_modules/@aws-sdk/xml-builder/dist-es/XmlText.js";
export { parseXML } from "./sdk-xml-parser.ts";
