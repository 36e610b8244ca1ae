/**
 * A set of line edits on a document, rendered in one pass. Edits address the original line
 * numbers, so several can be planned without tracking shifts; every line no edit names comes
 * out byte for byte as it went in.
 */
import type { IniDocument, LineEnding } from "./document.ts";

export interface OutLine {
  readonly text: string;
  readonly eol: LineEnding;
  /** A line we add (not one of the file's, whose bytes we never change). */
  readonly added?: boolean;
}

export class Rewrite {
  /** slots[i] is what original line i becomes: itself, a replacement, more lines, nothing. */
  private readonly slots: OutLine[][];
  private readonly tail: OutLine[] = [];
  /** The file's line ending: that of its first line, or "\n" for a file without one. */
  readonly eol: Exclude<LineEnding, "">;

  /** `eol`: the file's, when `doc` is one section of it (section-edit.ts). */
  constructor(
    private readonly doc: IniDocument,
    eol?: Exclude<LineEnding, "">,
  ) {
    this.slots = doc.lines.map((line) => [{ text: line.text, eol: line.eol }]);
    this.eol = eol ?? (doc.lines.find((line) => line.eol !== "")?.eol || "\n");
  }

  /** Replace lines first..last (inclusive) with `lines`. */
  replace(first: number, last: number, lines: readonly OutLine[]): void {
    for (let i = first; i <= last; i++) this.slots[i] = [];
    this.slots[first] = [...lines];
  }

  remove(first: number, last: number): void {
    this.replace(first, last, []);
  }

  /** Add `texts` as lines after what original line `index` has become. */
  insertAfter(index: number, texts: readonly string[]): void {
    this.slots[index]!.push(...texts.map((text) => ({ text, eol: this.eol, added: true })));
  }

  /** Add `texts` as lines at the end of the file. */
  append(texts: readonly string[]): void {
    this.tail.push(...texts.map((text) => ({ text, eol: this.eol, added: true })));
  }

  render(): string {
    const lines = [...this.slots.flat(), ...this.tail];
    let text = this.doc.bom;
    let previous: LineEnding = "";
    lines.forEach((line, i) => {
      let eol = line.eol;
      // Only the original last line can lack an ending; it needs one if lines now follow it.
      if (eol === "" && i < lines.length - 1) eol = this.eol;
      // An added blank line ending in LF after a line ending in a lone CR would fuse with it
      // into one CRLF; end it in CR as well.
      if (line.added && line.text === "" && previous === "\r" && eol === "\n") eol = "\r";
      text += line.text + eol;
      previous = eol;
    });
    return text;
  }
}
