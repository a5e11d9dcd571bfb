import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket } from "node:net";

/** A TCP server on 127.0.0.1 that accepts and counts connections and answers nothing (a callback that hangs). */
export interface ConnectionCounter {
  port: number;
  /** Connections accepted so far. */
  count(): number;
  close(): Promise<void>;
}

export async function startConnectionCounter(): Promise<ConnectionCounter> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
