/**
 * Ten logins of ten profiles started at once, all writing one credentials file: the lock
 * serialises them, so all ten sessions land and nothing else in the file changes.
 */
import { expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { sessionFromStdout } from "../support/profile-files.ts";
import { runAwsmfa } from "../support/run-binary.ts";

const world = useLoginWorld();
const COUNT = 10;

test(`${COUNT} parallel logins into one file: all land, nothing else changes`, async () => {
  const { sandbox } = world.user({ profile: "unused" });
  const users = Array.from({ length: COUNT }, () => world.aws.addUser());
  const before = [
    "# team accounts",
    "[default]",
    "region = us-east-1",
    "",
    ...users.flatMap((user, i) => [
      `[p${i}-long-term]`,
      `aws_access_key_id = ${user.accessKeyId}`,
      `aws_secret_access_key = ${user.secretAccessKey}`,
      "",
    ]),
    "; the end",
    "",
  ].join("\n");
  sandbox.writeCredentials(before);
  sandbox.writeConfig(
    users.map((user, i) => `[profile p${i}]\nmfa_serial = ${user.devices[0]!.serial}\n`).join(""),
  );
  const results = await Promise.all(
    users.map((user, i) =>
      runAwsmfa(["login", `p${i}`, "--otp", world.aws.code(user.devices[0]!.serial)], {
        env: sandbox.env,
      }),
    ),
  );
  let after = sandbox.readCredentials();
  for (const [i, r] of results.entries()) {
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    const s = await sessionFromStdout(r.stdout, sandbox.env);
    const block = `\n[p${i}]\naws_access_key_id = ${s.accessKeyId}\naws_secret_access_key = ${s.secretAccessKey}\naws_session_token = ${s.sessionToken}\nexpiration = ${s.expiration}\n`;
    expect(after).toContain(block);
    after = after.replace(block, "");
  }
  expect(after).toBe(before);
  const { readdirSync } = await import("node:fs");
  expect(readdirSync(`${sandbox.home}/.aws`).sort()).toEqual(["config", "credentials"]);
});
