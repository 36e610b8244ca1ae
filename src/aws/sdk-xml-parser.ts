/**
 * @aws-sdk/xml-builder's parseXML (3.972), which reads every STS and IAM answer, with the same
 * steps and the same answers and errors, but without its character-by-character loops: the
 * package gathers each tag name, attribute and text one character at a time (`text += x[i++]`),
 * which cold, in the interpreter, cost ~0.6 ms for one GetSessionToken answer of 900 bytes
 * (0.25 ms the second time). Here a run of text or an attribute value is found with indexOf
 * and cut with slice, a name is scanned by character code (in locals) and cut once, and the
 * regular-expression passes (line ends, entities) run only on text that has a `\r` or `&`,
 * which is the only text they change. aws/sdk-xml-stand-in.ts hands it to the SDK in the
 * binary; tests/aws/sdk-xml-parser.test.ts holds it to the package's on generated documents.
 */

type Parsed = Record<string, unknown>;

function writeKey(obj: object): void {
  Object.defineProperty(obj, "__proto__", {
    value: undefined,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** The package's answer for `xml`: `{ [root tag]: its value }`. */
export function parseXML(xml: string): Parsed {
  return new XmlParser(xml).parse();
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

class XmlParser {
  private readonly x: string;
  private i = 0;
  private readonly z: number;

  constructor(x: string) {
    this.x = typeof x === "string" && !x.includes("\r") ? x : x.replace(/\r\n?/g, "\n");
    this.z = this.x.length;
  }

  parse(): Parsed {
    const z = this.z;
    while (this.i < z) {
      this.trim();
      if (this.i >= z) break;
      if (this.isNext("<?")) {
        this.readTo("?>");
        this.trim();
      } else if (this.isNext("<!--")) {
        this.readTo("-->");
        this.trim();
      } else if (this.isNext("<!DOCTYPE", false)) {
        this.skipDoctype();
        this.trim();
      } else if (this.x[this.i] === "<") {
        const root = this.parseTag();
        return { [root.tag]: root.value };
      } else {
        throw new Error("@aws-sdk XML parse error: unexpected content.");
      }
    }
    throw new Error("@aws-sdk XML parse error: no root element.");
  }

  private isNext(s: string, caseSensitive = true): boolean {
    if (caseSensitive) return this.x.startsWith(s, this.i);
    return this.x.toLowerCase().startsWith(s.toLowerCase(), this.i);
  }

  private readTo(stop: string): string {
    const at = this.x.indexOf(stop, this.i);
    if (at === -1) throw new Error(`@aws-sdk XML parse error: expected "${stop}" not found.`);
    const result = this.x.slice(this.i, at);
    this.i = at + stop.length;
    return result;
  }

  /** Past " \t\r\n". (The loops keep `i` in a local: cold, each property access costs.) */
  private trim(): void {
    const { x, z } = this;
    let i = this.i;
    for (; i < z; i++) {
      const c = x.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    }
    this.i = i;
  }

  /**
   * A tag name (up to one of " \t\r\n>/") or, with `attribute`, an attribute name (up to one
   * of "= \t\r\n>/?"), cut once.
   */
  private scanName(attribute: boolean): string {
    const { x, z } = this;
    const start = this.i;
    let i = start;
    for (; i < z; i++) {
      const c = x.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 10 || c === 62 || c === 47) break;
      if (attribute && (c === 61 || c === 63)) break;
    }
    this.i = i;
    return x.slice(start, i);
  }

  private readAttrValue(): string {
    const quote = this.x[this.i];
    ++this.i;
    let end = this.i < this.z ? this.x.indexOf(quote as string, this.i) : this.i;
    if (end === -1) end = this.z;
    const value = this.x.slice(this.i, end);
    this.i = end + 1;
    return decodeEntities(value);
  }

  private parseTag(): { tag: string; value: unknown } {
    ++this.i;
    const tag = this.scanName(false);
    let hasAttrs = false;
    const attrs: Parsed = {};
    while (this.i < this.z) {
      this.trim();
      const c = this.x.charCodeAt(this.i);
      if (c === 62 || c === 47) break;
      const name = this.scanName(true);
      this.trim();
      if (this.x[this.i] !== "=") break;
      ++this.i;
      this.trim();
      if (name === "__proto__") writeKey(attrs);
      attrs[name] = this.readAttrValue();
      hasAttrs = true;
    }
    if (this.i >= this.z) throw new Error("@aws-sdk XML parse error: unexpected end of input.");
    if (this.x[this.i] === "/") {
      ++this.i;
      if (this.i >= this.z || this.x[this.i] !== ">") {
        throw new Error("@aws-sdk XML parse error: expected > at the end of self-closing tag.");
      }
      ++this.i;
      return { tag, value: hasAttrs ? attrs : "" };
    }
    if (this.x[this.i] !== ">") {
      throw new Error("@aws-sdk XML parse error: expected > at the end of opening tag.");
    }
    ++this.i;
    const textParts: string[] = [];
    const childTags: { tag: string; value: unknown }[] = [];
    let hasElementChild = false;
    while (this.i < this.z) {
      if (this.isNext("</")) break;
      if (this.x[this.i] === "<") {
        if (this.isNext("<!--")) {
          this.readTo("-->");
        } else if (this.isNext("<![CDATA[")) {
          this.i += 9;
          textParts.push(this.readTo("]]>"));
        } else if (this.isNext("<?")) {
          this.readTo("?>");
        } else {
          hasElementChild = true;
          childTags.push(this.parseTag());
        }
      } else {
        let end = this.x.indexOf("<", this.i);
        if (end === -1) end = this.z;
        const text = this.x.slice(this.i, end);
        this.i = end;
        textParts.push(decodeEntities(text));
      }
    }
    if (!this.isNext("</")) {
      throw new Error(`@aws-sdk XML parse error: missing closing tag </${tag}>.`);
    }
    this.i += 2;
    const closeTag = this.readTo(">").trim();
    if (closeTag !== tag) {
      throw new Error(`@aws-sdk XML parse error: mismatched tags <${tag}> and </${closeTag}>.`);
    }
    if (!hasAttrs && textParts.length === 0 && !hasElementChild) return { tag, value: "" };
    if (!hasAttrs && !hasElementChild) {
      const text = textParts.length === 1 ? (textParts[0] as string) : textParts.join("");
      if (text.trim() === "" && text.includes("\n")) return { tag, value: "" };
      return { tag, value: text };
    }
    const obj: Parsed = {};
    for (const text of textParts) {
      if (text.trim() === "" && text.includes("\n")) continue;
      obj["#text"] = "#text" in obj ? (obj["#text"] as string) + text : text;
    }
    for (const child of childTags) {
      if (child.tag === "__proto__") writeKey(obj);
      if (child.tag in obj) {
        const held = obj[child.tag];
        if (Array.isArray(held)) held.push(child.value);
        else obj[child.tag] = [held, child.value];
      } else {
        obj[child.tag] = child.value;
      }
    }
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "__proto__") writeKey(obj);
      obj[k] = v;
    }
    return { tag, value: obj };
  }

  private skipDoctype(): void {
    this.i += 9;
    let depth = 0;
    while (this.i < this.z) {
      const c = this.x[this.i];
      if (c === "[") ++depth;
      else if (c === "]") --depth;
      else if (c === ">" && depth === 0) {
        ++this.i;
        return;
      }
      ++this.i;
    }
    throw new Error("@aws-sdk XML parse error: unclosed DOCTYPE.");
  }
}

/** The package's entity decoding; text without `&` has nothing to decode. */
function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(
    /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g,
    (_, hex: string | undefined, dec: string | undefined, named: string) => {
      if (hex) return String.fromCharCode(Number.parseInt(hex, 16));
      if (dec) return String.fromCharCode(Number.parseInt(dec, 10));
      return ENTITIES[named] ?? "";
    },
  );
}
