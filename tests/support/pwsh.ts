/**
 * Real PowerShell (pwsh 7, the .NET global tool that .ci/setup/pwsh.sh installs) for the
 * PowerShell tests: found on PATH or at ~/.dotnet/tools/pwsh. When it is missing the tests
 * that need it skip and say so loudly.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export function pwshPath(): string | null {
  const onPath = Bun.which("pwsh");
  if (onPath) return onPath;
  const tool = join(homedir(), ".dotnet", "tools", "pwsh");
  return existsSync(tool) ? tool : null;
}

export const pwsh = pwshPath();
if (!pwsh) {
  console.warn(
    "\n*** SKIPPED: pwsh is not installed (neither on PATH nor ~/.dotnet/tools/pwsh): the PowerShell tests do not run. .ci/setup/pwsh.sh installs it. ***\n",
  );
}

export interface PwshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script file in pwsh without profiles, with exactly `env` (plus what pwsh needs). */
export function runPwshFile(
  file: string,
  env: Record<string, string>,
  cwd: string,
): Promise<PwshResult> {
  const child = spawn(pwsh!, ["-NoLogo", "-NoProfile", "-NonInteractive", "-File", file], {
    env: { DOTNET_CLI_TELEMETRY_OPTOUT: "1", POWERSHELL_TELEMETRY_OPTOUT: "1", ...env },
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
