/**
 * renderTable: columns padded to the widest cell in terminal columns (not string length);
 * colour applied after padding. Wide characters (CJK, fullwidth, most emoji) take two
 * columns, combining marks and zero-width characters none, as terminals draw them.
 */
import { describe, expect, test } from "bun:test";
import { renderOverview } from "../../src/commands/sources.ts";
import { cellWidth, PADDED_UP_TO, padCell, renderTable } from "../../src/ui/table.ts";

test("pads every column but the last, trims line ends", () => {
  expect(
    renderTable(
      ["NAME", "KIND", "SESSION"],
      [
        [{ text: "prod" }, { text: "session" }, { text: "7h42m left" }],
        [{ text: "prod-long-term" }, { text: "long-term" }, { text: "" }],
      ],
    ),
  ).toBe(
    "NAME            KIND       SESSION\nprod            session    7h42m left\nprod-long-term  long-term\n",
  );
});

test("escape codes do not shift the columns", () => {
  const red = (text: string) => `\x1b[31m${text}\x1b[39m`;
  const out = renderTable(["A", "B"], [[{ text: "x", paint: red }, { text: "y" }]]);
  expect(out).toBe("A  B\n\x1b[31mx\x1b[39m  y\n");
});

describe("terminal columns", () => {
  /** [text, the columns a terminal gives it] (Unicode East Asian Width, emoji presentation). */
  const WIDTHS: [string, number][] = [
    ["prod", 4],
    ["本番", 4],
    ["日本語プロファイル", 18],
    ["한국어", 6],
    ["Ｆｕｌｌ", 8],
    ["ｶﾀｶﾅ", 4],
    ["café", 4], // precomposed é
    ["cafe\u0301", 4], // e + combining acute accent
    ["ünï", 3],
    ["😀", 2],
    ["👩\u200d💻", 2], // a ZWJ sequence: one picture
    ["🇯🇵", 2], // a flag: two regional indicators
    ["👍🏽", 2], // with a skin tone modifier
    ["x\u200by", 2], // zero-width space
    // Tabs and line breaks count one column each, as before; other controls as a terminal
    // shows them (printable(): \x1b, \u202e), so the columns stay straight (see cellWidth).
    ["ü-1\n\tx = 1", 10],
    ["a\x1b[31mb", 10],
    ["a\x07\x9bb", 10],
    ["a\u202eb", 8],
  ];
  test.each(WIDTHS)("%p takes %i columns", (text, columns) => {
    expect(cellWidth(text)).toBe(columns);
  });

  test("padCell pads to columns, and never cuts a cell wider than asked", () => {
    expect(padCell("本番", 6)).toBe("本番  ");
    expect(padCell("cafe\u0301", 6)).toBe("cafe\u0301  ");
    expect(padCell("日本語", 4)).toBe("日本語");
  });

  test("wide and combining profile names keep the columns straight", () => {
    const out = renderTable(
      ["PROFILE", "KIND", "ACCESS KEY"],
      [
        [{ text: "本番" }, { text: "long-term" }, { text: "AKIA****MPLE" }],
        [{ text: "cafe\u0301" }, { text: "session" }, { text: "-" }],
        [{ text: "👩\u200d💻-dev" }, { text: "role" }, { text: "-" }],
        [{ text: "dev" }, { text: "other" }, { text: "-" }],
      ],
    );
    expect(out).toBe(
      [
        "PROFILE  KIND       ACCESS KEY",
        "本番     long-term  AKIA****MPLE",
        "cafe\u0301     session    -",
        "👩\u200d💻-dev   role       -",
        "dev      other      -",
        "",
      ].join("\n"),
    );
  });
});

test("`sources` pads profile and source names by columns too", () => {
  const source = (name: string) => ({
    name,
    aliases: [],
    automatic: false,
    summary: "a source",
    available: true,
    detail: "",
    settings: [],
  });
  const out = renderOverview(
    {
      sources: [source("prompt"), source("ykman")],
      profiles: [
        { profile: "本番", source: "ykman", from: "default", settings: {} },
        { profile: "dev", source: "prompt", from: "default", settings: {} },
      ],
    },
    false,
  );
  expect(out).toContain("\n  本番  ykman   (default)\n  dev   prompt  (default)\n");
});

test("a cell wider than PADDED_UP_TO pads no other row, and is printed in full", () => {
  const at = "a".repeat(PADDED_UP_TO);
  const past = "b".repeat(PADDED_UP_TO + 1);
  // in terminal columns: 33 wide characters are 66 columns, past the cap
  const wide = "本".repeat(PADDED_UP_TO / 2 + 1);
  const rows = [past, wide, "x"].map((text) => [{ text }, { text: "k" }]);
  expect(renderTable(["NAME", "KIND"], rows)).toBe(`NAME  KIND\n${past}  k\n${wide}  k\nx     k\n`);
  // a cell as wide as the cap still sets its column's width
  expect(renderTable(["NAME", "KIND"], [[{ text: at }, { text: "k" }], ...rows])).toBe(
    `NAME${" ".repeat(PADDED_UP_TO - 4)}  KIND\n${at}  k\n${past}  k\n${wide}  k\nx${" ".repeat(PADDED_UP_TO - 1)}  k\n`,
  );
});
