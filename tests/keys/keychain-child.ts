/**
 * Runs keychain-store operations in a process that starts with the test keyring's D-Bus
 * address (the addon reads the C environment, which a running Bun process cannot change).
 * Reads [op, profile, keys?, replaces?] steps as JSON on stdin; prints one result per step.
 */
import type { Credentials } from "../../src/aws/credentials.ts";
import { keychainStore } from "../../src/keys/keychain.ts";
import { makeSandbox } from "../support/sandbox.ts";
import { storeDeps } from "./support.ts";

const sandbox = makeSandbox();
const deps = storeDeps(sandbox, { ...(process.env as Record<string, string>) });
const steps = JSON.parse(await new Response(Bun.stdin.stream()).text()) as [string, ...unknown[]][];
const results: unknown[] = [];
for (const [op, profile, keys, replaces] of steps) {
  try {
    if (op === "available") results.push(await keychainStore.available(deps));
    if (op === "read") results.push((await keychainStore.read(String(profile), deps)) ?? null);
    if (op === "write")
      results.push(
        (await keychainStore.write(
          String(profile),
          keys as Credentials,
          deps,
          replaces as string | undefined,
        )) ?? "ok",
      );
    if (op === "remove")
      results.push((await keychainStore.remove(String(profile), String(keys), deps)) ?? "ok");
  } catch (error) {
    results.push({ error: String((error as Error).message) });
  }
}
sandbox.cleanup();
console.log(JSON.stringify(results));
