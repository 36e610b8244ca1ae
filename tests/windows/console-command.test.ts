/**
 * `awsmfa console` on Windows (awsmfa.exe under Wine): the opener (rundll32
 * url.dll,FileProtocolHandler) gets the path of a private page, not the one-time address, so
 * no command line holds anything another user could redeem. Wine's ShellExecute hands the
 * page to winebrowser, which calls the Linux xdg-open: a stand-in here, which reads the page
 * and follows it as a browser would. As on a real Windows, .html is associated with the
 * browser (the test prefix has no association until this test adds it).
 * Run by .ci/stages/30-windows.sh; skips loudly without AWSMFA_WINDOWS_EXE (see support/wine.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type FakeAws, startFakeAws } from "../support/fake-aws.ts";
import { awsmfaExe, exe, linuxAws, resetHome, startWine, stopWine, wine } from "./support/wine.ts";

let aws: FakeAws;
let bin: string;
beforeAll(async () => {
  if (!exe) return;
  startWine();
  aws = await startFakeAws();
  bin = mkdtempSync(join(tmpdir(), "awsmfa-wine-browser-"));
  await wine(["reg", "add", "HKCR\\.html", "/ve", "/d", "htmlfile", "/f"]);
  // The stand-in browser: winebrowser gives it file:///<linux path>; it reads the page there.
  const opener = [
    "#!/bin/sh",
    `printf '%s\\n' "$@" > "${bin}/argv"`,
    'page=$(printf %s "$1" | sed "s|^file://||")',
    `cp "$page" "${bin}/page"`,
    `address=$(sed -n 's/.*location.replace("\\([^"]*\\)").*/\\1/p' "$page")`,
    `curl -s -o /dev/null -w '%{redirect_url}' "$address" > "${bin}/link"`,
    "",
  ].join("\n");
  writeFileSync(join(bin, "xdg-open"), opener, { mode: 0o755 });
});
afterAll(async () => {
  await aws?.stop();
  if (exe) {
    stopWine();
    rmSync(bin, { recursive: true, force: true });
  }
});
beforeEach(() => {
  if (exe) resetHome();
});

describe.skipIf(!exe)("awsmfa.exe console under Wine", () => {
  test("the opener gets a private page's path, never the address or the token; the browser signs in", async () => {
    const user = aws.addUser({});
    const serial = user.devices[0]!.serial;
    const role = aws.addRole({ account: user.account, name: `admin-${user.name}` });
    writeFileSync(
      join(linuxAws, "credentials"),
      `[prod-long-term]\r\naws_access_key_id = ${user.accessKeyId}\r\naws_secret_access_key = ${user.secretAccessKey}\r\n`,
    );
    writeFileSync(
      join(linuxAws, "config"),
      `[profile prod]\r\nmfa_serial = ${serial}\r\n[profile prod-admin]\r\nrole_arn = ${role.arn}\r\nsource_profile = prod\r\n`,
    );
    const r = await awsmfaExe(["console", "prod-admin", "--otp", aws.code(serial)], {
      env: { AWS_ENDPOINT_URL: aws.url, PATH: `${bin}:${process.env.PATH}` },
    });
    expect(r.stderr).toContain(`Opened the AWS console as ${role.arn} (profile prod-admin).`);
    expect(r.code).toBe(0);
    const argv = readFileSync(join(bin, "argv"), "utf8").trim();
    expect(argv).toMatch(/^file:\/\/.*\/awsmfa-console-[0-9a-f]{24}\/open-aws-console\.html$/);
    expect(argv).not.toContain("127.0.0.1");
    expect(readFileSync(join(bin, "page"), "utf8")).toContain(
      'location.replace("http://127.0.0.1:',
    );
    expect(readFileSync(join(bin, "link"), "utf8")).toContain("SigninToken=");
    // The page and its folder are gone once awsmfa has ended.
    expect(existsSync(dirname(argv.replace(/^file:\/\//, "")))).toBe(false);
  });
});
