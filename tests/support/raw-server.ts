/**
 * TCP servers on 127.0.0.1 that answer with raw bytes, for the failures of a connection that
 * an HTTP server cannot produce: a reset, a silent peer, another service on the port.
 */
import { createServer, type Server, type Socket } from "node:net";

/** A greeting of another service (an SSH server) where an HTTP server was expected. */
export const NOT_HTTP_GREETING = "SSH-2.0-OpenSSH_9.2\r\n";

/**
 * A server that does `onData` with the first bytes of each connection; resolves to its
 * "127.0.0.1:PORT". The caller closes it (it is pushed onto `opened`).
 */
export function tcpServer(onData: (socket: Socket) => void, opened: Server[]): Promise<string> {
  const server = createServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", () => onData(socket));
  });
  opened.push(server);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`127.0.0.1:${(server.address() as { port: number }).port}`),
    ),
  );
}

/** Runs `use` with the port of a server that answers every request with NOT_HTTP_GREETING. */
export async function withNotHttpServer<T>(use: (port: number) => Promise<T>): Promise<T> {
  const server = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: { data: (socket) => void socket.end(NOT_HTTP_GREETING) },
  });
  try {
    return await use(server.port);
  } finally {
    server.stop(true);
  }
}

/** Sends `head`, then an endless body as fast as the socket takes it, until it is closed. */
export function flood(socket: Socket, head: string): void {
  const chunk = Buffer.alloc(64 * 1024, "a");
  const pump = () => {
    while (!socket.destroyed && socket.write(chunk)) {}
  };
  socket.on("drain", pump);
  socket.write(head);
  pump();
}
