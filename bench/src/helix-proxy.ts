import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

/** A pass-through in front of the rig's Helix, and the hook that may stop an accepted chat call's answer. */
export interface HelixProxy {
  url: string;
  /**
   * Called when the rig accepted a chat call (204: the message is in chat), before the answer is passed
   * on; answering true drops the answer (the caller never learns the message was posted).
   */
  onChatTaken: (() => boolean) | undefined;
  /** Every chat call's flight (performance.now() ms): from its arrival here to the rig's answer. */
  chatCalls: { start: number; end: number }[];
  /**
   * Chat calls whose sender closed its connection before this proxy passed the whole call on: Node's HTTP
   * server then aborts the request (a client that half-closes gets its pending requests destroyed), so
   * the rig never sees it, where Twitch's edge might have taken it.
   */
  chatCallsCutShort: number;
  close(): Promise<void>;
}

/** Forwards every request to `rigUrl` unchanged (method, path, headers, body) and its answer back. */
export async function startHelixProxy(rigUrl: string): Promise<HelixProxy> {
  const target = new URL(rigUrl);
  const proxy: HelixProxy = {
    url: "",
    onChatTaken: undefined,
    chatCalls: [],
    chatCallsCutShort: 0,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer((req, res) => {
    const start = performance.now();
    const chat = req.method === "POST" && req.url?.startsWith("/helix/extensions/chat");
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (chat) proxy.chatCalls.push({ start, end: performance.now() });
        if (chat && answer.statusCode === 204 && proxy.onChatTaken?.()) {
          answer.resume();
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    if (chat) {
      req.once("close", () => {
        if (!upstream.writableEnded) {
          proxy.chatCallsCutShort++;
          upstream.destroy();
        }
      });
    }
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
