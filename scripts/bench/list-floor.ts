/**
 * The floor of `awsmfa list` at scale (`npm run bench -- --scale`): a program built with the
 * same Bun and flags that does the least any list of the same files must, and no more. It
 * reads ~/.aws/config and ~/.aws/credentials as text, goes over every line, cuts out each
 * profile's name and its region and device lines' values, and writes a row per profile,
 * padded like list's table (~7.4 MB at 100,000 profiles), in pieces of 64 KiB.
 *
 * What it leaves out, list must do: every other key (~15 per profile), configparser's rules
 * (case, `:` for `=`, comments, repeated sections, odd files), profiles named in both files,
 * the long-term partners, device checks, the session cache. The gap between the two is what
 * those cost; the floor is what the runtime costs (docs/performance.md).
 */
import { readFileSync, writeSync } from "node:fs";

const home = process.env.HOME ?? "";
const read = (name: string) => {
  try {
    return readFileSync(`${home}/.aws/${name}`, "utf8");
  } catch {
    return "";
  }
};
const names: string[] = [];
const regions: string[] = [];
const devices: string[] = [];

function scan(text: string, config: boolean): void {
  for (let at = 0; at < text.length; ) {
    let stop = text.indexOf("\n", at);
    if (stop < 0) stop = text.length;
    const first = text.charCodeAt(at);
    if (first === 91 /* [ */) {
      const from = config && text.startsWith("[profile ", at) ? at + 9 : at + 1;
      names.push(text.slice(from, text.lastIndexOf("]", stop)));
      regions.push("-");
      devices.push("-");
    } else if (first === 114 /* r */ || first === 109 /* m */) {
      const value = text.slice(text.indexOf("=", at) + 2, stop);
      if (first === 114) regions[names.length - 1] = value;
      else devices[names.length - 1] = value;
    }
    at = stop + 1;
  }
}

scan(read("config"), true);
scan(read("credentials"), false);
let widest = 7;
for (const name of names) widest = Math.max(widest, name.length);
const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - text.length));
const parts: string[] = [`${pad("PROFILE", widest)}  KIND       MFA DEVICE  REGION  SESSION\n`];
let size = 0;
for (let i = 0; i < names.length; i++) {
  const row = `${pad(names[i]!, widest)}  session    ${pad(devices[i]!, 30)}  ${pad(regions[i]!, 9)}  none\n`;
  parts.push(row);
  size += row.length;
  if (size >= 1 << 16) {
    writeSync(1, parts.join(""));
    parts.length = 0;
    size = 0;
  }
}
writeSync(1, parts.join(""));
