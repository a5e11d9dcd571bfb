import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, serializeRequest } from "./raw-http.ts";

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/silent") return;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ rawHeaders: req.rawHeaders, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("raw HTTP exchanges", () => {
  it("send repeated headers as repeats and frame the body by its length", async () => {
    const answer = await exchange(
      port,
      {
        method: "POST",
        path: "/echo",
        headers: [
          ["Authorization", "Bearer a"],
          ["authorization", "Bearer b"],
        ],
        body: Buffer.from("héllo"),
      },
      2000,
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toEqual(["application/json"]);
    const seen = JSON.parse(answer.body) as { rawHeaders: string[]; body: string };
    expect(seen.rawHeaders).toEqual(
      expect.arrayContaining(["Authorization", "Bearer a", "authorization", "Bearer b"]),
    );
    expect(seen.rawHeaders).toContain("Content-Length");
    expect(seen.body).toBe("héllo");
  });

  it("send a chunked body in chunks of the size asked", async () => {
    const request = {
      method: "POST",
      path: "/echo",
      headers: [],
      body: Buffer.from("abcdefg"),
      framing: "chunked" as const,
      chunkBytes: 3,
    };
    expect(serializeRequest(request).toString()).toMatch(
      /\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n1\r\ng\r\n0\r\n\r\n$/,
    );
    const answer = await exchange(port, request, 2000);
    expect((JSON.parse(answer.body) as { body: string }).body).toBe("abcdefg");
  });

  it("give up on a server that does not answer, naming the request", async () => {
    await expect(
      exchange(port, { method: "GET", path: "/silent", headers: [], body: Buffer.alloc(0) }, 200),
    ).rejects.toThrow(/no answer within 200 ms to GET \/silent/);
  });
});
