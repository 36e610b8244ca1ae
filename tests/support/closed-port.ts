/** A port on 127.0.0.1 that nothing listens on (just released): connections are refused. */
import { createServer } from "node:net";

export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
