/**
 * Helpers for tests of the credentials-file side of awsmfa: golden templates filled with the
 * keys of a test's user and the session a login wrote, and that session read back from the
 * login's shell output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LoginUser } from "./login-world.ts";
import { evalInBash } from "./login-world.ts";

const FIXTURES = join(import.meta.dir, "..", "fixtures", "profiles");

export interface WrittenSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}

/** A fixture with {{NAME}} placeholders; a placeholder without a value is an error. */
export function fixture(name: string, values: Readonly<Record<string, string>>): string {
  const text = readFileSync(join(FIXTURES, name), "utf8");
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`fixture ${name}: no value for {{${key}}}`);
    return value;
  });
}

/** The placeholders of a test user: {{KEY_ID}}, {{SECRET}}, {{SERIAL}}. */
export function userValues(user: LoginUser): Record<string, string> {
  return {
    KEY_ID: user.user.accessKeyId,
    SECRET: user.user.secretAccessKey,
    SERIAL: user.serial,
  };
}

/** The placeholders of a session: {{S_KEY}}, {{S_SECRET}}, {{S_TOKEN}}, {{S_EXP}}. */
export function sessionValues(session: WrittenSession): Record<string, string> {
  return {
    S_KEY: session.accessKeyId,
    S_SECRET: session.secretAccessKey,
    S_TOKEN: session.sessionToken,
    S_EXP: session.expiration,
  };
}

/** The session a login put on stdout (eval mode), as the shell would see it. */
export async function sessionFromStdout(
  stdout: string,
  env: Record<string, string>,
): Promise<WrittenSession> {
  const vars = await evalInBash(stdout, env);
  return {
    accessKeyId: vars.AWS_ACCESS_KEY_ID ?? "",
    secretAccessKey: vars.AWS_SECRET_ACCESS_KEY ?? "",
    sessionToken: vars.AWS_SESSION_TOKEN ?? "",
    expiration: vars.AWS_CREDENTIAL_EXPIRATION ?? "",
  };
}
