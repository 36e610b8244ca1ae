/**
 * moto (a Python mock of AWS) as a second, independent AWS stand-in for e2e tests: it knows
 * IAM users and access keys created through the real API, where the fake AWS is scripted.
 *
 *   const moto = await startMoto();   // null when moto is not installed (the reason is printed)
 *   ... point the SDK or the binary at moto.url ...
 *   await moto.stop();
 */
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";

export interface Moto {
  /** http://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;

/** The command that runs moto's server, or null when moto is not installed. */
export function motoCommand(): string[] | null {
  const onPath = Bun.which("moto_server");
  if (onPath && spawnSync(onPath, ["--help"], { stdio: "ignore" }).status === 0) return [onPath];
  const python = Bun.which("python3");
  if (python && spawnSync(python, ["-c", "import moto.server"], { stdio: "ignore" }).status === 0) {
    return [python, "-m", "moto.server"];
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startMoto(): Promise<Moto | null> {
  const command = motoCommand();
  if (!command) {
    console.log("moto is not available (no moto_server, no python3 -m moto.server)");
    return null;
  }
  const port = await freePort();
  const child = Bun.spawn([...command, "-H", "127.0.0.1", "-p", String(port)], {
    stdout: "ignore",
    stderr: "pipe",
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill();
    await child.exited;
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const stderr = await new Response(child.stderr).text();
      throw new Error(`moto exited with ${child.exitCode} before answering: ${stderr.slice(-500)}`);
    }
    const ready = await fetch(`${url}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, stop };
    await Bun.sleep(100);
  }
  await stop();
  throw new Error(`moto did not answer on ${url} within ${READY_TIMEOUT_MS} ms`);
}
