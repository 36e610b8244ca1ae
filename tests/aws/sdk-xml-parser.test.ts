/**
 * aws/sdk-xml-parser.ts, the binary's parseXML (aws/sdk-xml-stand-in.ts), against the
 * package's own (@aws-sdk/xml-builder's xml-parser.js): the same answer, to the last own
 * property and prototype, or the same error, for AWS's answers, hand-picked oddities and
 * generated documents (well-formed, cut short and with characters thrown in).
 */
import { expect, test } from "bun:test";
import { join } from "node:path";
import fc from "fast-check";
import { parseXML } from "../../src/aws/sdk-xml-parser.ts";
import * as standIn from "../../src/aws/sdk-xml-stand-in.ts";

const PACKAGE = join(
  import.meta.dir,
  "..",
  "..",
  "node_modules",
  "@aws-sdk",
  "xml-builder",
  "dist-es",
);
const theirs: { parseXML: (xml: string) => unknown } = await import(join(PACKAGE, "xml-parser.js"));

/** A value as data: own keys in order with their values, and whether it is a plain object. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return ["array", value.map(shape)];
  if (value !== null && typeof value === "object") {
    const plain = Object.getPrototypeOf(value) === Object.prototype;
    const own = Reflect.ownKeys(value).map((key) => [
      String(key),
      shape((value as Record<string | symbol, unknown>)[key]),
    ]);
    return ["object", plain, own];
  }
  return [typeof value, value];
}

function outcome(parse: (xml: string) => unknown, xml: string): unknown {
  try {
    return { value: shape(parse(xml)) };
  } catch (error) {
    return { threw: [(error as Error).constructor.name, (error as Error).message] };
  }
}

function same(xml: string): void {
  const ours = outcome(parseXML, xml);
  const package_ = outcome(theirs.parseXML, xml);
  // With the document: a mismatch shows it beside both answers.
  expect([xml, ours]).toEqual([xml, package_]);
}

const ANSWERS = [
  `<GetSessionTokenResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetSessionTokenResult>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey>
      <SessionToken>IQoJb3JpZ2luX2Vj+/=</SessionToken>
      <Expiration>2026-12-07T14:00:00Z</Expiration>
    </Credentials>
  </GetSessionTokenResult>
  <ResponseMetadata><RequestId>58c5dbae-abef-11e0-8cfe-09039844ac7d</RequestId></ResponseMetadata>
</GetSessionTokenResponse>
`,
  `<?xml version="1.0" encoding="UTF-8"?>\r\n<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\r\n  <Error>\r\n    <Type>Sender</Type>\r\n    <Code>AccessDenied</Code>\r\n    <Message>MultiFactorAuthentication failed with invalid MFA one time pass code. &amp; &lt;x&gt; &quot;q&quot; &apos;a&apos; &#65;&#x42;</Message>\r\n  </Error>\r\n  <RequestId>1</RequestId>\r\n</ErrorResponse>`,
  `<ListMFADevicesResponse><ListMFADevicesResult><MFADevices><member><SerialNumber>arn:aws:iam::1:mfa/a</SerialNumber></member><member><SerialNumber>arn:aws:iam::1:mfa/b</SerialNumber></member><member/></MFADevices><IsTruncated>false</IsTruncated></ListMFADevicesResult></ListMFADevicesResponse>`,
];

const ODDITIES = [
  "",
  "   ",
  "x",
  "<",
  "<a",
  "<a>",
  "<a/>",
  "<a/ >",
  "<a b='1'/>",
  "<a b=\"1\" c='2' d=3/>",
  '<a b="unclosed/>',
  "<a b=>",
  "<a b",
  "<a b c='1'>t</a>",
  "<a b='1'>t</a>",
  "<a b='1'><c/>t</a>",
  "<a>t</b>",
  "<a>t</a >",
  "<a>t< /a>",
  "<a>t",
  "<a><!-- c --></a>",
  "<a><!-- c </a>",
  "<a><![CDATA[<x>&amp;]]></a>",
  "<a><![CDATA[x</a>",
  "<a><?pi x?>t</a>",
  "<!DOCTYPE a [<!ENTITY x 'y'>]><a>t</a>",
  "<!doctype a><a/>",
  "<!DOCTYPE a [",
  "<?xml?><!-- c --><a/>",
  "<?xml",
  "<!-- c",
  "<a>\n  \n</a>",
  "<a>  </a>",
  "<a>\r\n</a>",
  "<a>x\ry</a>",
  "<a><b>1</b><b>2</b><b>3</b></a>",
  "<a><b>1</b>text<b>2</b>\n</a>",
  "<a>&#x1F600;&#128512;&#xFFFFFF;&bogus;&constructor;&toString;&amp</a>",
  "<a b='&amp;&#65;'/>",
  "<__proto__><__proto__>1</__proto__></__proto__>",
  "<a __proto__='x'><b/></a>",
  "<a __proto__='x'/>",
  "<a constructor='x'><toString/></a>",
  "<a>İ</a><b/>",
  "<a\tb\n=\r'1'\n/>",
  "<a b='1'?>",
  "<a/x>",
  "  <a/>  trailing",
  "<a></a><b></b>",
];

test("the stand-in exports what the package's index exports, parseXML ours", async () => {
  const index = await import(join(PACKAGE, "index.js"));
  expect(Object.keys(standIn).sort()).toEqual(Object.keys(index).sort());
  expect(standIn.parseXML).toBe(parseXML);
  expect(standIn.XmlNode).toBe(index.XmlNode);
  expect(standIn.XmlText).toBe(index.XmlText);
});

test("AWS's answers and hand-picked oddities parse as the package parses them", () => {
  for (const xml of [...ANSWERS, ...ODDITIES]) same(xml);
  // The answer really parsed: the credentials are where the SDK reads them.
  const answer = parseXML(ANSWERS[0]!) as {
    GetSessionTokenResponse: { GetSessionTokenResult: { Credentials: Record<string, string> } };
  };
  expect(answer.GetSessionTokenResponse.GetSessionTokenResult.Credentials.Expiration).toBe(
    "2026-12-07T14:00:00Z",
  );
});

// Pieces of documents: the characters and tokens the parser decides on, and some text.
const name = fc.constantFrom("a", "b", "Member", "__proto__", "x-y", "ns:c", "constructor");
const text = fc
  .array(
    fc.constantFrom(
      "t",
      " ",
      "\n",
      "\r\n",
      "\r",
      "\t",
      "&amp;",
      "&lt;",
      "&#65;",
      "&#x263A;",
      "&nope;",
      "&",
      "İ",
      "😀",
      "]]>",
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(""));
const attribute = fc
  .tuple(name, fc.constantFrom("'", '"', ""), text, fc.constantFrom("", " ", "\n"))
  .map(([n, q, v, s]) => `${s}${n}=${q}${v.replace(/['"<>]/g, "")}${q}`);
const { element } = fc.letrec<{ element: string }>((tie) => ({
  element: fc
    .tuple(
      name,
      fc.array(attribute, { maxLength: 2 }),
      fc.array(
        // Text first: at the greatest depth, oneof takes the first.
        fc.oneof(
          { maxDepth: 4, depthIdentifier: "element" },
          { weight: 3, arbitrary: text.map((t) => t.replace(/</g, "")) },
          { weight: 3, arbitrary: tie("element") },
          { weight: 1, arbitrary: text.map((t) => `<![CDATA[${t.replace(/]]>/g, "")}]]>`) },
          { weight: 1, arbitrary: fc.constant("<!-- note -->") },
          { weight: 1, arbitrary: fc.constant("<?pi x?>") },
        ),
        { maxLength: 4 },
      ),
      fc.boolean(),
      fc.constantFrom("", " ", "\n"),
    )
    .map(([tag, attrs, children, selfClosing, space]) =>
      selfClosing && children.length === 0
        ? `<${tag}${attrs.join(" ")}${space}/>`
        : `<${tag}${attrs.join(" ")}${space}>${children.join("")}</${tag}${space.trim()}>`,
    ),
}));
const prolog = fc.constantFrom(
  "",
  '<?xml version="1.0"?>\n',
  "<!-- head -->",
  "<!DOCTYPE r [<!ELEMENT r ANY>]>\r\n",
  "  \n",
);
const document = fc.tuple(prolog, element, text).map(([p, e, t]) => `${p}${e}${t}`);

test("generated documents parse as the package parses them", () => {
  fc.assert(
    fc.property(document, (xml) => same(xml)),
    { numRuns: 3000 },
  );
});

test("documents cut short or with a character thrown in fail or parse as the package's", () => {
  const damaged = fc
    .tuple(document, fc.nat(), fc.constantFrom("", "<", ">", "/", "'", '"', "=", "&", "\r", "?"))
    .map(([xml, at, inserted]) => {
      const cut = at % (xml.length + 1);
      return inserted === "" ? xml.slice(0, cut) : xml.slice(0, cut) + inserted + xml.slice(cut);
    });
  fc.assert(
    fc.property(damaged, (xml) => same(xml)),
    { numRuns: 3000 },
  );
  // And any short string over the characters the parser looks at.
  const chars = fc.constantFrom(
    "<",
    ">",
    "/",
    "!",
    "?",
    "-",
    "[",
    "]",
    "=",
    "'",
    '"',
    "a",
    " ",
    "\n",
    "&",
    ";",
    "#",
  );
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 24 }), (parts) => same(parts.join(""))),
    { numRuns: 3000 },
  );
});
