/**
 * awsmfa exec --server with no terminal (as an IDE or a desktop launcher runs it): when the
 * MFA session ends while the program runs, the renewal asks in the code dialog. One Cancel
 * there ends the asking for the rest of the run: the SDK's retries and every other client get
 * "Cancelled." instead of a new dialog each.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles } from "../support/role-world.ts";
import { typeInto, useXvfb, waitForNoWindow, waitForWindow } from "../support/xvfb.ts";

const world = useLoginWorld();
const xvfb = useXvfb("exec --server with the dialog");
const missing = xvfb.missing;

describe.skipIf(missing.length > 0)("exec --server: the renewal's dialog", () => {
  test("one Cancel: this and the next requests get Cancelled, no second dialog", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    // The program ends the cached sessions (as 12 hours would), then asks three times.
    const child = login.sandbox.file(
      "ask-three-times.ts",
      [
        'import { readdirSync, rmSync } from "node:fs";',
        'import { join } from "node:path";',
        'const dir = join(process.env.XDG_CACHE_HOME!, "awsmfa", "sessions");',
        "for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });",
        "const seen = [];",
        "for (let i = 0; i < 3; i++) {",
        "  const r = await fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI!, {",
        "    headers: { authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN! },",
        "  });",
        "  seen.push({ status: r.status, ...(await r.json()) });",
        "}",
        "console.log(JSON.stringify(seen));",
        "",
      ].join("\n"),
    );
    const running = login.run(
      ["exec", "--server", "prod-admin", "--otp", login.code(), "--", process.execPath, child],
      { env: { ...login.sandbox.env, DISPLAY: xvfb.name() } },
    );
    const window = await waitForWindow(xvfb.name(), "awsmfa", 20_000);
    await typeInto(xvfb.name(), window, "", "Escape");
    await waitForNoWindow(xvfb.name(), "awsmfa");
    const again = await waitForWindow(xvfb.name(), "awsmfa", 3_000).catch(() => undefined);
    if (again) await typeInto(xvfb.name(), again, "", "Escape");
    const r = await running;
    expect(again).toBeUndefined();
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
    expect(seen).toHaveLength(3);
    for (const answer of seen) {
      expect(answer.status).toBe(500);
      expect(answer.message).toBe("Cancelled.");
    }
  }, 60_000);
});
