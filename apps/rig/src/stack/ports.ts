import { createServer } from "node:net";

function tryListen(port: number, host: string): Promise<"free" | "taken" | "unavailable"> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      resolve(error.code === "EADDRINUSE" || error.code === "EACCES" ? "taken" : "unavailable");
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve("free")));
  });
}

/** Throws a message naming the port and its role when something already listens on it (IPv4 or IPv6). */
export async function assertPortFree(port: number, role: string): Promise<void> {
  for (const host of ["127.0.0.1", "::1"]) {
    if ((await tryListen(port, host)) === "taken") {
      throw new Error(
        `Port ${port} (${role}) is already in use on ${host}: stop the process using it (\`lsof -i :${port}\`) or choose another port.`,
      );
    }
  }
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
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
