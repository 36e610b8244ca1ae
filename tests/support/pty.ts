/**
 * Runs the compiled binary with a pseudo-terminal as stdin, stdout and stderr (util-linux
 * `script`), for what awsmfa does when a person runs it directly in a terminal.
 */
import { awsmfaBinary } from "./binary.ts";

export interface PtyResult {
  code: number;
  /** Everything the terminal showed, with the terminal's CRLF turned back into LF. */
  output: string;
}

export function scriptAvailable(): boolean {
  return Bun.which("script") !== null;
}

export async function runInPty(
  args: readonly string[],
  env: Record<string, string>,
): Promise<PtyResult> {
  const binary = await awsmfaBinary();
  const command = [binary, ...args].map(shellQuote).join(" ");
  const child = Bun.spawn(["script", "-q", "-e", "-c", command, "/dev/null"], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: 30_000,
  });
  const [code, out] = await Promise.all([child.exited, new Response(child.stdout).text()]);
  return { code, output: out.replace(/\r\n/g, "\n") };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}
