/** renderTable: columns padded to the widest cell; colour applied after padding. */
import { expect, test } from "bun:test";
import { renderTable } from "../../src/ui/table.ts";

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
