import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { credentialsFileStore } from "../../src/keys/credentials-file.ts";
import { useSandbox } from "../support/sandbox.ts";
import { KEYS, storeDeps } from "./support.ts";

const sandbox = useSandbox();

describe("credentials-file key store", () => {
  test("reads the file as every AWS file is read: a byte that is not UTF-8 elsewhere is no error", async () => {
    const text = `# caf\xe9\n[prod]\naws_access_key_id = ${KEYS.accessKeyId}\naws_secret_access_key = ${KEYS.secretAccessKey}\n`;
    writeFileSync(sandbox.credentialsPath, Buffer.from(text, "latin1"));
    expect(await credentialsFileStore.read("prod", storeDeps(sandbox))).toEqual(KEYS);
  });

  test("an empty secret is no key", async () => {
    sandbox.writeCredentials(
      `[prod]\naws_access_key_id = ${KEYS.accessKeyId}\naws_secret_access_key =\n`,
    );
    expect(await credentialsFileStore.read("prod", storeDeps(sandbox))).toBeUndefined();
  });

  test("a session is no long-term key", async () => {
    sandbox.writeCredentials(
      "[prod]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = s\naws_session_token = t\n",
    );
    expect(await credentialsFileStore.read("prod", storeDeps(sandbox))).toBeUndefined();
  });
});
