/**
 * A throwaway HOME for one test: ~/.aws files, a cache folder, and a clean environment that
 * never points at the real AWS (every endpoint is the local fake unless a test says otherwise).
 */
import { afterAll } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface Sandbox {
  home: string;
  configPath: string;
  credentialsPath: string;
  /** Environment for a child: PATH, HOME, no AWS_* from the machine, endpoint = the fake. */
  env: Record<string, string>;
  writeConfig(text: string): void;
  writeCredentials(text: string): void;
  readConfig(): string;
  readCredentials(): string;
  file(relative: string, text: string, mode?: number): string;
  cleanup(): void;
}

export function makeSandbox(options: { endpoint?: string } = {}): Sandbox {
  const home = mkdtempSync(join(tmpdir(), "awsmfa-home-"));
  const aws = join(home, ".aws");
  mkdirSync(aws, { recursive: true, mode: 0o700 });
  const configPath = join(aws, "config");
  const credentialsPath = join(aws, "credentials");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_CONFIG_HOME: join(home, ".config"),
    NO_COLOR: "1",
    LANG: "C.UTF-8",
    TZ: "UTC",
    // The SDK would otherwise look for EC2 metadata or real endpoints; nothing leaves 127.0.0.1.
    AWS_EC2_METADATA_DISABLED: "true",
    ...(options.endpoint ? { AWS_ENDPOINT_URL: options.endpoint } : {}),
  };
  const put = (path: string, text: string, mode = 0o600) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };
  return {
    home,
    configPath,
    credentialsPath,
    env,
    writeConfig: (text) => void put(configPath, text),
    writeCredentials: (text) => void put(credentialsPath, text),
    readConfig: () => readFileSync(configPath, "utf8"),
    readCredentials: () => readFileSync(credentialsPath, "utf8"),
    file: (relative, text, mode) => put(join(home, relative), text, mode),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

/** makeSandbox for every test of a file: made now, removed in afterAll. */
export function useSandbox(options: { endpoint?: string } = {}): Sandbox {
  const sandbox = makeSandbox(options);
  afterAll(() => sandbox.cleanup());
  return sandbox;
}
